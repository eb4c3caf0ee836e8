using System.Net;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// Base of every agency adapter: the typed half (the agency's Refit API in, canonical data out) that the
/// untyped <see cref="IAgencyAdapter"/> bridges to.
/// </summary>
/// <remarks>
/// The Refit client is resolved per call, not held: typed HTTP clients are transient so that the
/// factory can rotate handlers, and the adapter itself is a singleton.
/// </remarks>
public abstract class AgencyAdapter<TApi, TData>(IServiceProvider services) : IAgencyAdapter
    where TApi : class
    where TData : class
{
    public abstract AgencyDescriptor Agency { get; }

    public Type DataType => typeof(TData);

    protected TApi Api => services.GetRequiredService<TApi>();

    /// <summary>This agency's settings as they stand now (they may be reloaded).</summary>
    protected AgencyOptions Options => services.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(Agency.Key);

    /// <summary>Calls the agency and maps its answer; null when the agency holds nothing on the person.</summary>
    protected abstract Task<TData?> FetchDataAsync(TApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken);

    /// <summary>Sets this agency's data set on the member (e.g. <c>member with { Vehicles = set }</c>).</summary>
    protected abstract MemberProfile Apply(MemberProfile member, DataSet<TData> set);

    public async Task<object?> FetchAsync(Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await FetchDataAsync(Api, fin, query, cancellationToken);

    public MemberProfile Apply(MemberProfile member, SourceStatus status, object? data, Provenance? provenance, string? detail) =>
        Apply(member, new DataSet<TData>(status, (TData?)data, provenance, detail));

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
