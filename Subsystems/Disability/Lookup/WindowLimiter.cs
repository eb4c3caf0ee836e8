namespace IntegrationHub.Disability.Lookup;

/// <summary>
/// At most <c>limit</c> attempts per key in a fixed window that starts with the key's first attempt, on the
/// injected clock (the framework's rate limiters read the wall clock, which tests cannot move). Every attempt
/// counts, successful or not, so being stopped says nothing about the attempts before.
/// </summary>
public sealed class WindowLimiter(int limit, TimeSpan window, int maxKeys, TimeProvider time)
{
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts an attempt for <paramref name="key"/>; false (and how long until it may try again) when over the limit.</summary>
    public bool TryAcquire(string key, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_windows.Count >= maxKeys) Prune(now);
            if (!_windows.TryGetValue(key, out var w) || now - w.Start >= window) w = (now, 0);
            if (w.Count >= limit)
            {
                retryAfter = w.Start + window - now;
                return false;
            }
            _windows[key] = (w.Start, w.Count + 1);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Drops ended windows; if all are live, the oldest half (memory stays bounded under a flood of keys).</summary>
    private void Prune(DateTimeOffset now)
    {
        var ended = _windows.Where(p => now - p.Value.Start >= window).Select(p => p.Key).ToList();
        if (ended.Count == 0) ended = _windows.OrderBy(p => p.Value.Start).Take(_windows.Count / 2).Select(p => p.Key).ToList();
        foreach (var key in ended) _windows.Remove(key);
    }
}
