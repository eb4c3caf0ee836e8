using System.Collections.Concurrent;

namespace IntegrationHub.Hub.Engine.Telemetry;

/// <summary>
/// What the hub saw of each agency over a sliding window: calls made (outcome and latency) and cache
/// lookups (hit, miss, stale answer served). Fed by <see cref="Aggregation.SourceFetcher"/>; read by the
/// state endpoint and, later, an operations dashboard. Bounded: the last <see cref="Capacity"/> events
/// of each kind per agency.
/// </summary>
public sealed class AgencyStats(TimeProvider time)
{
    public const int Capacity = 4096;

    /// <summary>How far back the figures look.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, AgencyWindow> _agencies = new(StringComparer.Ordinal);

    /// <summary>One real call to the agency (cache hits and joined single-flight calls are not calls).</summary>
    public void RecordCall(string agency, bool success, TimeSpan latency) =>
        For(agency).Calls.Add(new CallSample(time.GetTimestamp(), success, latency.TotalMilliseconds));

    public void RecordLookup(string agency, CacheLookup lookup) =>
        For(agency).Lookups.Add(new LookupSample(time.GetTimestamp(), lookup));

    /// <summary>The agency's figures over the last <see cref="Window"/>.</summary>
    public AgencySnapshot Snapshot(string agency)
    {
        var window = For(agency);
        var calls = window.Calls.Since(time, Window);
        var lookups = window.Lookups.Since(time, Window);
        var latencies = calls.Select(c => c.LatencyMs).Order().ToArray();
        var hits = lookups.Count(l => l.Lookup == CacheLookup.Hit);
        var misses = lookups.Count(l => l.Lookup == CacheLookup.Miss);
        return new AgencySnapshot(
            calls.Count,
            calls.Count == 0 ? null : Math.Round((double)calls.Count(c => c.Success) / calls.Count, 4),
            latencies.Length == 0 ? null : new LatencyPercentiles(Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99)),
            hits,
            misses,
            lookups.Count(l => l.Lookup == CacheLookup.StaleServed),
            hits + misses == 0 ? null : Math.Round((double)hits / (hits + misses), 4));
    }

    private AgencyWindow For(string agency) => _agencies.GetOrAdd(agency, _ => new AgencyWindow());

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);

    private sealed class AgencyWindow
    {
        public Ring<CallSample> Calls { get; } = new();
        public Ring<LookupSample> Lookups { get; } = new();
    }

    private interface ISample
    {
        long Timestamp { get; }
    }

    private readonly record struct CallSample(long Timestamp, bool Success, double LatencyMs) : ISample;

    private readonly record struct LookupSample(long Timestamp, CacheLookup Lookup) : ISample;

    private sealed class Ring<T> where T : struct, ISample
    {
        private readonly T[] _items = new T[Capacity];
        private readonly Lock _lock = new();
        private long _count;

        public void Add(T item)
        {
            lock (_lock)
            {
                _items[_count % Capacity] = item;
                _count++;
            }
        }

        public List<T> Since(TimeProvider time, TimeSpan window)
        {
            lock (_lock)
            {
                var n = (int)Math.Min(_count, Capacity);
                var result = new List<T>(n);
                for (var i = 0; i < n; i++)
                {
                    var item = _items[i];
                    if (time.GetElapsedTime(item.Timestamp) <= window) result.Add(item);
                }
                return result;
            }
        }
    }
}

public enum CacheLookup
{
    /// <summary>A fresh answer was served without calling the agency.</summary>
    Hit,
    /// <summary>No fresh answer: the agency was called.</summary>
    Miss,
    /// <summary>The agency failed and an older answer stood in for it.</summary>
    StaleServed,
}

/// <param name="Calls">Real calls to the agency in the window.</param>
/// <param name="SuccessRate">Share of those calls that got an answer (data or "no record"); null without calls.</param>
/// <param name="CacheHitRatio">Hits over hits and misses; null without lookups (or with the cache off).</param>
public sealed record AgencySnapshot(int Calls, double? SuccessRate, LatencyPercentiles? LatencyMs, int CacheHits, int CacheMisses, int StaleServed, double? CacheHitRatio);

public sealed record LatencyPercentiles(double P50, double P95, double P99);
