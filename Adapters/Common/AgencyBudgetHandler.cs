namespace IntegrationHub.Adapters.Common;

/// <summary>
/// Stamps each agency request with the moment its budget (<see cref="AgencyOptions.TotalTimeout"/>) started,
/// so that the retry predicate can tell whether a server's Retry-After still fits in what is left.
/// It sits outside the resilience handler: the stamp is taken once, before the first attempt.
/// </summary>
public sealed class AgencyBudgetHandler(TimeProvider time) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<long> StartedKey = new("IntegrationHub.AgencyBudgetStarted");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(StartedKey, time.GetTimestamp());
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// True when <paramref name="response"/> asks (Retry-After) for a wait longer than
    /// <see cref="AgencyOptions.MaxRetryAfter"/> or than the budget left for <paramref name="request"/>.
    /// </summary>
    public static bool RetryAfterBeyondBudget(HttpResponseMessage? response, HttpRequestMessage? request, AgencyOptions agency, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(time);
        if (response?.Headers.RetryAfter is not { } retryAfter) return false;
        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        if (wait > agency.MaxRetryAfter) return true;
        if (request is null || !request.Options.TryGetValue(StartedKey, out var started)) return false;
        var left = agency.TotalTimeout - time.GetElapsedTime(started);
        return wait >= left;
    }
}
