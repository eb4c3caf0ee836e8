using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IntegrationHub.Hub.Engine.Telemetry;

namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>A refused event as operators see it: when, which agency's key (if it named a known one), and why. Nothing from the body.</summary>
public sealed record RefusedEvent(DateTimeOffset At, string? Agency, string Code);

/// <summary>
/// What the door and the processor did, for metrics (<c>integrationhub.life_events.*</c>) and the dashboard: refusals
/// by agency and code (since start, with the most recent ones), processing lag. The durable counts per agency, kind
/// and state are the inbox's (<see cref="ILifeEventInbox.Counts"/>).
/// </summary>
public sealed class LifeEventStats(TimeProvider time)
{
    private const int Recent = 50;
    private const int LagSamples = 1024;

    private static readonly Counter<long> ReceivedCounter = HubTelemetry.Counter<long>("integrationhub.life_events.received", "Agencies' events accepted, by agency and kind (a duplicate is counted as duplicate=true)");
    private static readonly Counter<long> RefusedCounter = HubTelemetry.Counter<long>("integrationhub.life_events.refused", "Agencies' events refused at the door, by agency (unknown when the key was not known) and code");
    private static readonly Counter<long> ProcessedCounter = HubTelemetry.Counter<long>("integrationhub.life_events.processed", "Events passed on to the subsystems, by agency and kind");
    private static readonly Counter<long> FailedCounter = HubTelemetry.Counter<long>("integrationhub.life_events.failed", "Attempts to pass an event on that failed, by agency, kind and whether it became a dead letter");
    private static readonly Histogram<double> LagHistogram = HubTelemetry.Histogram<double>("integrationhub.life_events.lag", "s", "Time from an event's arrival to its being passed on");

    private readonly ConcurrentDictionary<(string Agency, string Code), long> _refused = new();
    private readonly ConcurrentQueue<RefusedEvent> _recent = new();
    private readonly ConcurrentQueue<double> _lags = new();

    public void Received(string agency, string kind) =>
        ReceivedCounter.Add(1, new("agency", agency), new("kind", kind), new("duplicate", false));

    public void Duplicate(string agency, string kind) =>
        ReceivedCounter.Add(1, new("agency", agency), new("kind", kind), new("duplicate", true));

    public void Refused(string? agency, string code)
    {
        var who = agency ?? "unknown";
        RefusedCounter.Add(1, new("agency", who), new("code", code));
        _refused.AddOrUpdate((who, code), 1, (_, n) => n + 1);
        _recent.Enqueue(new RefusedEvent(time.GetUtcNow(), agency, code));
        while (_recent.Count > Recent) _recent.TryDequeue(out _);
    }

    public void Processed(InboxEvent processed, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(processed);
        ProcessedCounter.Add(1, new("agency", processed.Agency), new("kind", processed.Kind));
        var lag = (at - processed.ReceivedAt).TotalSeconds;
        LagHistogram.Record(lag, new KeyValuePair<string, object?>("agency", processed.Agency));
        _lags.Enqueue(lag);
        while (_lags.Count > LagSamples) _lags.TryDequeue(out _);
    }

    public void Failed(InboxEvent failed, bool deadLetter)
    {
        ArgumentNullException.ThrowIfNull(failed);
        FailedCounter.Add(1, new("agency", failed.Agency), new("kind", failed.Kind), new("dead_letter", deadLetter));
    }

    /// <summary>Refusals since start by agency and code, and the latest ones, newest first.</summary>
    public (IReadOnlyList<(string Agency, string Code, long Count)> Totals, IReadOnlyList<RefusedEvent> Latest) Refusals() =>
        (_refused.Select(r => (r.Key.Agency, r.Key.Code, r.Value)).OrderBy(r => r.Agency, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal).ToList(),
         _recent.Reverse().ToList());

    /// <summary>Median, 95th percentile and largest lag in seconds over the latest events passed on; null before any.</summary>
    public (double P50, double P95, double Max)? Lag()
    {
        var sorted = _lags.ToArray();
        if (sorted.Length == 0) return null;
        Array.Sort(sorted);
        return (sorted[(sorted.Length - 1) / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1], sorted[^1]);
    }
}
