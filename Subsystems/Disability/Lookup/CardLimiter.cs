namespace IntegrationHub.Disability.Lookup;

/// <summary>
/// At most <c>limit</c> lookups of one ID card in any <c>window</c> (sliding), counted so that no other traffic can
/// reset a card's count: the lookups themselves are the durable record (<c>lookups</c>), and memory only caches
/// the recent ones of recently seen cards. A card dropped from the cache (at <c>maxCached</c> cards the least
/// recently seen half goes) is read back from its records the next time, with the count it had, restart included.
/// </summary>
/// <param name="load">The card's counted lookups since the given instant, from the durable records.</param>
public sealed class CardLimiter(int limit, TimeSpan window, int maxCached, Func<string, DateTimeOffset, IEnumerable<DateTimeOffset>> load, TimeProvider time)
{
    private readonly Dictionary<string, Entry> _cards = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _touches;

    /// <summary>Counts a lookup of <paramref name="card"/>; false (and how long until one may be made) when over the limit.</summary>
    public bool TryAcquire(string card, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_cards.TryGetValue(card, out var entry))
            {
                if (_cards.Count >= maxCached) EvictHalf();
                entry = new Entry([.. load(card, now - window).Order()]);
                _cards[card] = entry;
            }
            entry.Touched = ++_touches;
            entry.Times.RemoveAll(t => now - t >= window);
            if (entry.Times.Count >= limit)
            {
                retryAfter = entry.Times[0] + window - now;
                return false;
            }
            entry.Times.Add(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Cards in memory now (at most <c>maxCached</c>).</summary>
    public int Cached
    {
        get
        {
            lock (_gate) return _cards.Count;
        }
    }

    // The card just counted is the most recently seen, so it stays while its own record is being written.
    private void EvictHalf()
    {
        foreach (var card in _cards.OrderBy(c => c.Value.Touched).Take(_cards.Count / 2).Select(c => c.Key).ToList()) _cards.Remove(card);
    }

    private sealed class Entry(List<DateTimeOffset> times)
    {
        public List<DateTimeOffset> Times { get; } = times;

        public long Touched { get; set; }
    }
}
