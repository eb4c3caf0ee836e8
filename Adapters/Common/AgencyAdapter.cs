using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// Base of every agency adapter: the agency's Refit API in, canonical data out. Which agency it is comes from the
/// catalog (<see cref="AgencyCatalog"/>), so one adapter class may serve two registries that share an API.
/// </summary>
/// <remarks>
/// The Refit client is resolved per call, not held: typed HTTP clients are transient so that the
/// factory can rotate handlers, and the adapter itself is a singleton. It is keyed by the agency, so each agency
/// has a client (base address, credentials, resilience) of its own.
/// </remarks>
public abstract class AgencyAdapter<TApi, TData>(IServiceProvider services, AgencyDescriptor<TData> agency) : IAgencyAdapter<TData>
    where TApi : class
    where TData : class
{
    public AgencyDescriptor<TData> Agency { get; } = agency ?? throw new ArgumentNullException(nameof(agency));

    AgencyDescriptor IAgencyAdapter.Agency => Agency;

    protected TApi Api => services.GetRequiredKeyedService<TApi>(Agency.Key);

    /// <summary>This agency's settings as they stand now (they may be reloaded).</summary>
    protected AgencyOptions Options => services.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(Agency.Key);

    /// <summary>Calls the agency and maps its answer; null when the agency holds nothing on the person.</summary>
    protected abstract Task<TData?> FetchDataAsync(TApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken);

    public Task<TData?> FetchAsync(Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        FetchDataAsync(Api, fin, query, cancellationToken);

    public TResult Accept<TResult>(IAgencyVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }

    /// <summary>Runs an agency call, turning its "404 Not Found" into null.</summary>
    protected static async Task<T?> NullIfNotFound<T>(Func<Task<T>> call) where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs two agency calls at once (a profile's critical path is one round trip per phase, not one per call);
    /// null when either finds nothing on the person. When both fail, the first call's failure is the one reported
    /// (awaiting Task.WhenAll would throw whichever failed first in time, so the same answers could read differently).
    /// </summary>
    protected static async Task<(T1, T2)?> BothOrNull<T1, T2>(Func<Task<T1>> first, Func<Task<T2>> second)
        where T1 : class
        where T2 : class
    {
        var firstTask = NullIfNotFound(first);
        var secondTask = NullIfNotFound(second);
        await Task.WhenAll(firstTask, secondTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var (a, b) = (await firstTask, await secondTask);
        return a is not null && b is not null ? (a, b) : null;
    }

    /// <summary>Three agency calls at once, as <see cref="BothOrNull{T1, T2}"/>; null when any finds nothing.</summary>
    protected static async Task<(T1, T2, T3)?> AllOrNull<T1, T2, T3>(Func<Task<T1>> first, Func<Task<T2>> second, Func<Task<T3>> third)
        where T1 : class
        where T2 : class
        where T3 : class
    {
        var both = BothOrNull(first, second);
        var thirdTask = NullIfNotFound(third);
        await Task.WhenAll(both, thirdTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var (ab, c) = (await both, await thirdTask);
        return ab is (var a, var b) && c is not null ? (a, b, c) : null;
    }
}
