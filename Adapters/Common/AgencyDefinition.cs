using IntegrationHub.Contracts.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// One entry of the <see cref="AgencyCatalog"/>: which agency (key, display name, data set) and how it is wired
/// (its Refit API, its adapter, the JSON context of its wire format). Registering it is the one way an agency
/// enters the hub.
/// </summary>
public abstract class AgencyDefinition
{
    private protected AgencyDefinition()
    {
    }

    public abstract AgencyDescriptor Agency { get; }

    /// <summary>
    /// The same adapter and API for another registry under its own key, display name and data-set name (two
    /// registries publishing one API); its settings are <c>Agencies:{key}</c>, its data set lands where this one's does.
    /// </summary>
    public abstract AgencyDefinition As(string key, string name, string dataSet);

    internal abstract void Register(IServiceCollection services, IConfiguration configuration);

    /// <summary>An agency whose <typeparamref name="TAdapter"/> reads <typeparamref name="TApi"/> into <typeparamref name="TData"/>.</summary>
    /// <param name="key">Configuration and provenance key (<c>Agencies:{key}</c>); the adapter's <c>Key</c> constant.</param>
    /// <param name="name">Display name (state endpoint, dashboard).</param>
    /// <param name="dataSet">The data set it fills: the canonical record's <c>DataSet</c>.</param>
    /// <param name="json">The JSON context listing every wire type of the agency's API.</param>
    public static AgencyDefinition Of<TApi, TAdapter, TData>(string key, string name, DataSetDescriptor<TData> dataSet, JsonSerializerContext json)
        where TApi : class
        where TAdapter : AgencyAdapter<TApi, TData>
        where TData : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(dataSet);
        ArgumentNullException.ThrowIfNull(json);
        return new Definition<TApi, TAdapter, TData>(new AgencyDescriptor<TData>(key, name, dataSet), json);
    }

    private sealed class Definition<TApi, TAdapter, TData>(AgencyDescriptor<TData> agency, JsonSerializerContext json) : AgencyDefinition
        where TApi : class
        where TAdapter : AgencyAdapter<TApi, TData>
        where TData : class
    {
        public override AgencyDescriptor Agency => agency;

        public override AgencyDefinition As(string key, string name, string dataSet) =>
            Of<TApi, TAdapter, TData>(key, name, agency.Set with { Name = dataSet }, json);

        internal override void Register(IServiceCollection services, IConfiguration configuration) =>
            services.AddAgencyAdapter<TApi, TAdapter, TData>(configuration, agency, json);
    }
}
