namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// The retry of a request the hub answers that failed for a transient reason (the audit log, a timeout): up to
/// <see cref="MessagingOptions.TransientRetries"/> more attempts, 100 ms to 2 s apart, then the requester gets the fault.
/// </summary>
/// <remarks>
/// With no retries wanted no retry filter is set at all. MassTransit's exponential policy with a limit of 0 swallowed
/// the fault: the requester got nothing and waited its whole request timeout (30 s by default) instead of failing at once.
/// </remarks>
internal static class TransientRetry
{
    public static void Apply(IReceiveEndpointConfigurator endpoint, int retries)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (retries <= 0) return;
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<IOException>();
            r.Handle<TimeoutException>();
            r.Exponential(retries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
        });
    }
}
