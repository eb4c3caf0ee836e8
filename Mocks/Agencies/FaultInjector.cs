namespace IntegrationHub.Mocks.Agencies;

/// <summary>The faults an agency mock can be told to show.</summary>
public enum FaultKind
{
    /// <summary>Healthy.</summary>
    None,
    /// <summary>Connection refused: the agency's server is stopped.</summary>
    Down,
    /// <summary>Every answer is delayed by <see cref="FaultPlan.DelayMs"/>.</summary>
    Slow,
    /// <summary>HTTP 503 for the next <see cref="FaultPlan.Count"/> calls, then healthy again.</summary>
    ServerError,
    /// <summary>HTTP 429 with <c>Retry-After: <see cref="FaultPlan.RetryAfterSeconds"/></c> for the next <see cref="FaultPlan.Count"/> calls.</summary>
    RateLimited,
    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    MalformedJson,
    /// <summary>HTTP 200 with the JSON cut off half-way.</summary>
    TruncatedBody,
    /// <summary>HTTP 200 with an empty body.</summary>
    EmptyOk,
}

/// <param name="Count">For <see cref="FaultKind.ServerError"/> and <see cref="FaultKind.RateLimited"/>: how many calls fail before the agency recovers (0 = until cleared).</param>
public sealed record FaultPlan(FaultKind Kind, int DelayMs = 0, int Count = 0, int RetryAfterSeconds = 1);

/// <summary>Holds the current fault of one agency mock and applies it to each request.</summary>
public sealed class FaultInjector
{
    private FaultPlan _plan = new(FaultKind.None);
    private int _remaining;

    public FaultPlan Current => Volatile.Read(ref _plan);

    /// <summary>Calls answered with an injected fault since the plan was set.</summary>
    public int Injected { get; private set; }

    public void Set(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Interlocked.Exchange(ref _remaining, plan.Count);
        Injected = 0;
        Volatile.Write(ref _plan, plan);
    }

    public void Clear() => Set(new FaultPlan(FaultKind.None));

    /// <summary>The faulty answer to give, or null to answer normally (after any delay).</summary>
    internal async Task<IResponseMessage?> ApplyAsync(MockAgency agency, IRequestMessage request)
    {
        var plan = Current;
        switch (plan.Kind)
        {
            case FaultKind.Slow:
                await Task.Delay(plan.DelayMs);
                return null;
            case FaultKind.ServerError or FaultKind.RateLimited:
                if (plan.Count > 0 && Interlocked.Decrement(ref _remaining) < 0) return null;
                Injected++;
                if (plan.Kind == FaultKind.ServerError)
                {
                    return MockAgency.Text("{\"error\":\"service unavailable\"}", 503);
                }
                var limited = MockAgency.Text("{\"error\":\"too many requests\"}", 429);
                limited.AddHeader("Retry-After", plan.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return limited;
            case FaultKind.MalformedJson:
                Injected++;
                return MockAgency.Text("<html><body>Gateway error</body></html>", 200);
            case FaultKind.TruncatedBody:
                Injected++;
                return MockAgency.Text("{\"data\": {\"items\": [{\"id\": \"12", 200);
            case FaultKind.EmptyOk:
                Injected++;
                return MockAgency.Text(string.Empty, 200);
            default:
                return null;
        }
    }
}
