using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IntegrationHub.Hub.Engine.Telemetry;

/// <summary>
/// The hub's own traces and metrics (one ActivitySource, one Meter, both named <see cref="Name"/>), exported
/// with OpenTelemetry: Prometheus scrape at <c>/metrics</c>. Tags never carry personal data.
/// </summary>
public static class HubTelemetry
{
    public const string Name = "IntegrationHub";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Agency calls by agency and outcome status (Ok, NotFound, Failed, TimedOut, CircuitOpen) and whether the cache answered.</summary>
    public static readonly Counter<long> AgencyCalls = Meter.CreateCounter<long>("integrationhub.agency.calls", description: "Agency answers by agency, status and source (network or cache)");

    /// <summary>Time for an agency's answer, seconds, by agency.</summary>
    public static readonly Histogram<double> AgencyCallDuration = Meter.CreateHistogram<double>("integrationhub.agency.call.duration", unit: "s", description: "Time for an agency's answer");

    /// <summary>Time to assemble a profile, seconds, by purpose and completeness.</summary>
    public static readonly Histogram<double> ProfileAssemblyDuration = Meter.CreateHistogram<double>("integrationhub.profile.assembly.duration", unit: "s", description: "Time to assemble a household profile");

    /// <summary>Time to make an audit record durable, seconds.</summary>
    public static readonly Histogram<double> AuditWriteDuration = Meter.CreateHistogram<double>("integrationhub.audit.write.duration", unit: "s", description: "Time until an audit record is on disk");

    /// <summary>A counter of the hub's meter (the life events' counts, for instance).</summary>
    public static Counter<T> Counter<T>(string name, string description) where T : struct => Meter.CreateCounter<T>(name, description: description);

    /// <summary>A histogram of the hub's meter.</summary>
    public static Histogram<T> Histogram<T>(string name, string unit, string description) where T : struct => Meter.CreateHistogram<T>(name, unit: unit, description: description);

    /// <summary>Registers an observable gauge (e.g. breaker state per agency, cache hit ratio) read from a live source.</summary>
    public static ObservableGauge<T> Gauge<T>(string name, Func<IEnumerable<Measurement<T>>> observe, string? unit = null, string? description = null) where T : struct =>
        Meter.CreateObservableGauge(name, observe, unit, description);
}
