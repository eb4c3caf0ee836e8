namespace IntegrationHub.Disability.Lookup;

/// <summary>
/// Lookups refused by a limit, counted in memory per channel, client and limit, and written out in one group
/// every <c>Lookup:RefusalFlushInterval</c>: a flood of refused requests costs no disk write each. At most
/// <see cref="MaxClients"/> clients are told apart per period; the rest count together as <see cref="Others"/>.
/// </summary>
public sealed class RefusalCounter(TimeProvider time)
{
    public const int MaxClients = 10_000;
    public const string Others = "(others)";
    public const string ClientLimit = "client";
    public const string CardLimit = "card";

    private readonly Lock _gate = new();
    private Dictionary<(string Channel, string Client, string Limit), long> _counts = [];
    private DateTimeOffset _since = time.GetUtcNow();

    public void Count(string channel, string client, string limit)
    {
        lock (_gate)
        {
            var key = (channel, client, limit);
            if (!_counts.ContainsKey(key) && _counts.Count >= MaxClients) key = (channel, Others, limit);
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Takes the counts since the last call (and the period they cover), leaving zero.</summary>
    public (DateTimeOffset From, DateTimeOffset To, IReadOnlyDictionary<(string Channel, string Client, string Limit), long> Counts) Take()
    {
        lock (_gate)
        {
            var taken = (_since, time.GetUtcNow(), (IReadOnlyDictionary<(string, string, string), long>)_counts);
            _counts = [];
            _since = taken.Item2;
            return taken;
        }
    }

    /// <summary>Puts counts back whose write failed, to go out with the next period's.</summary>
    public void Restore(IReadOnlyDictionary<(string Channel, string Client, string Limit), long> counts, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(counts);
        lock (_gate)
        {
            foreach (var (key, count) in counts) _counts[key] = _counts.GetValueOrDefault(key) + count;
            if (from < _since) _since = from;
        }
    }
}
