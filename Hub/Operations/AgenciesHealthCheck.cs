using IntegrationHub.Adapters.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace IntegrationHub.Hub.Operations;

/// <summary>
/// Readiness reports every agency's breaker state, but an open breaker only makes the hub Degraded, never
/// Unhealthy: with an agency down the hub still answers partial profiles on time, so taking it out of a load
/// balancer would be wrong.
/// </summary>
internal sealed class AgenciesHealthCheck(IEnumerable<IAgencyAdapter> adapters, AgencyBreakerStates breakers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = adapters.ToDictionary(a => a.Agency.Key, a => (object)breakers.Get(a.Agency.Key).State.ToString());
        var open = states.Where(s => (string)s.Value != nameof(CircuitState.Closed)).Select(s => s.Key).ToList();
        return Task.FromResult(open.Count == 0
            ? HealthCheckResult.Healthy($"all {states.Count} agencies' breakers closed", states)
            : HealthCheckResult.Degraded($"breaker not closed for: {string.Join(", ", open)}; profiles stay partial for those", data: states));
    }
}
