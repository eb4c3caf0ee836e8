using IntegrationHub.Hub.Engine.Telemetry;
using IntegrationHub.Adapters.Common;
using Polly.CircuitBreaker;

namespace IntegrationHub.Hub.Operations;

/// <summary>Per agency: breaker state, recent success rate, latency percentiles and cache hit ratio.</summary>
public static class AgencyStateApi
{
    public static RouteGroupBuilder MapAgencyStateApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/agencies").WithTags("Operations");
        group.MapGet("/state", (IEnumerable<IAgencyAdapter> adapters, AgencyBreakerStates breakers, AgencyStats stats, TimeProvider time) =>
                TypedResults.Ok(new AgenciesState(
                    time.GetUtcNow(),
                    AgencyStats.Window,
                    adapters.Select(a => State(a.Agency, breakers.Get(a.Agency.Key), stats.Snapshot(a.Agency.Key))).ToList())))
            .WithName("GetAgenciesState")
            .WithSummary("Each agency's circuit breaker, success rate, latency percentiles and cache hit ratio over the last five minutes");
        return group;
    }

    private static AgencyState State(AgencyDescriptor agency, AgencyBreakerState breaker, AgencySnapshot snapshot) => new(
        agency.Key,
        agency.Name,
        agency.DataSet,
        new BreakerState(Name(breaker.State), breaker.Since, breaker.TimesOpened),
        snapshot.Calls,
        snapshot.SuccessRate,
        snapshot.LatencyMs,
        new CacheState(snapshot.CacheHits, snapshot.CacheMisses, snapshot.StaleServed, snapshot.CacheHitRatio));

    private static string Name(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        _ => "isolated",
    };
}

/// <param name="Window">How far back the figures look.</param>
public sealed record AgenciesState(DateTimeOffset At, TimeSpan Window, IReadOnlyList<AgencyState> Agencies);

/// <param name="Calls">Real calls made to the agency in the window (cache hits and joined calls excluded).</param>
/// <param name="SuccessRate">Share of calls that got an answer; null without calls.</param>
/// <param name="LatencyMs">p50/p95/p99 of those calls in milliseconds; null without calls.</param>
public sealed record AgencyState(string Agency, string Name, string DataSet, BreakerState Breaker, int Calls, double? SuccessRate, LatencyPercentiles? LatencyMs, CacheState Cache);

/// <param name="State"><c>closed</c>, <c>open</c>, <c>half-open</c> or <c>isolated</c>.</param>
/// <param name="Since">When it last changed; null when it never has.</param>
public sealed record BreakerState(string State, DateTimeOffset? Since, int TimesOpened);

/// <param name="HitRatio">Hits over hits and misses; null without lookups or with the cache off.</param>
public sealed record CacheState(int Hits, int Misses, int StaleServed, double? HitRatio);
