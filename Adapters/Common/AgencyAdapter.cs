using System.Net;
using IntegrationHub.Contracts.Identifiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

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
}
