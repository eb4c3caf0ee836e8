namespace IntegrationHub.Modules.HubAccess;

/// <summary>The whole wait for the hub's answer, bounded from outside the request client.</summary>
internal static class BoundedResponse
{
    /// <summary>
    /// <paramref name="response"/>, or an <see cref="OperationCanceledException"/> once <paramref name="budget"/> is
    /// cancelled. MassTransit's <c>GetResponse</c> waits for its send before it heeds its token, and a send caught by a
    /// broker restart can wait for a publisher confirm that never comes: a request stuck that way held a caller for
    /// 12 minutes in CI, its token long cancelled. The send left behind ends with the connection.
    /// </summary>
    public static Task<T> Within<T>(this Task<T> response, CancellationToken budget) => response.WaitAsync(budget);
}
