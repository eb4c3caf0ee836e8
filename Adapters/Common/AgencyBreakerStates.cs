using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// The last known circuit-breaker state of every agency, fed by the breaker's own callbacks (opened,
/// half-opened, closed) in <see cref="AgencyRegistration"/>. Read by the hub's state endpoint.
/// </summary>
/// <remarks>
/// Callbacks rather than a <see cref="CircuitBreakerStateProvider"/>: a provider can be attached to one
/// breaker only, and the standard handler rebuilds its pipeline when options reload.
/// </remarks>
public sealed class AgencyBreakerStates(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AgencyBreakerState> _states = new(StringComparer.Ordinal);

    /// <summary>The agency's breaker state; <see cref="CircuitState.Closed"/> until the breaker reports otherwise.</summary>
    public AgencyBreakerState Get(string agency) =>
        _states.GetValueOrDefault(agency) ?? new AgencyBreakerState(CircuitState.Closed, null, 0);

    internal void Report(string agency, CircuitState state) =>
        _states.AddOrUpdate(
            agency,
            _ => new AgencyBreakerState(state, time.GetUtcNow(), state == CircuitState.Open ? 1 : 0),
            (_, old) => new AgencyBreakerState(state, time.GetUtcNow(), old.TimesOpened + (state == CircuitState.Open ? 1 : 0)));
}

/// <param name="State">Closed, Open, HalfOpen (or Isolated).</param>
/// <param name="Since">When the breaker last changed state; null when it never has.</param>
/// <param name="TimesOpened">How often the breaker opened since start-up.</param>
public sealed record AgencyBreakerState(CircuitState State, DateTimeOffset? Since, int TimesOpened);
