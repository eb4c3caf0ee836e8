using System.Collections.Concurrent;

namespace IntegrationHub.Hub.Engine.Caching;

/// <summary>
/// When an agency last said something changed about a person (a life event accepted by the hub). A cached answer
/// about that person fetched before the change no longer serves as fresh, for every agency and look-up keyed on
/// the person (their own data sets, their co-residents, their civil acts), so the next profile shows the change
/// without waiting out a cache lifetime. Kept in memory: after a restart the inbox's unprocessed events mark their
/// people again as they are processed.
/// </summary>
public sealed class PersonChangeMarks(TimeProvider time)
{
    /// <summary>Marks older than this are dropped: no cache lifetime is that long, so no cached answer they could stop is fresh anyway.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(8);

    private const int PruneAbove = 50_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _marks = new(StringComparer.Ordinal);

    public int Count => _marks.Count;

    /// <summary>Marks <paramref name="fins"/> as changed now: what was fetched about them until now is not fresh any more.</summary>
    public void MarkChanged(IEnumerable<string> fins)
    {
        ArgumentNullException.ThrowIfNull(fins);
        var now = time.GetUtcNow();
        foreach (var fin in fins) _marks[fin] = now;
        if (_marks.Count > PruneAbove)
        {
            foreach (var (fin, at) in _marks)
            {
                if (now - at > Keep) _marks.TryRemove(fin, out _);
            }
        }
    }

    /// <summary>True when <paramref name="subject"/> (a FIN) changed at or after <paramref name="fetchedAt"/>.</summary>
    public bool ChangedSince(string subject, DateTimeOffset fetchedAt) =>
        _marks.TryGetValue(subject, out var changed) && changed >= fetchedAt;
}
