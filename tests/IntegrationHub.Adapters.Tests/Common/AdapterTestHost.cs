using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Mocks;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>A service provider with every agency adapter, with short, test-sized timeouts.</summary>
internal static class AdapterTestHost
{
    /// <summary>Every adapter pointed at <paramref name="country"/>'s mock agencies.</summary>
    public static ServiceProvider Create(MockCountry country, IDictionary<string, string?>? overrides = null) =>
        Create(country.HubConfiguration().Concat(overrides ?? new Dictionary<string, string?>()));

    /// <summary>
    /// Every adapter with <paramref name="settings"/> over the test defaults (give the base address of the agencies a test
    /// calls: options are validated when an agency's client is first built). <paramref name="services"/> runs first, so a
    /// clock or a log provider it registers is the one the adapters get.
    /// </summary>
    public static ServiceProvider Create(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            // Short enough that a hung agency (FaultKind.Slow, 5 s) times out, long enough that an answering mock on a
            // loaded 2-core machine does not: at 1 s / 2.5 s, tests of mapping failed by timeout under a load average of 30.
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:02",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:04.500",
            ["Agencies:Defaults:MaxRetries"] = "1",
            ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
            ["Agencies:Defaults:BreakerMinimumThroughput"] = "100",
        };
        foreach (var (key, value) in settings) all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        services?.Invoke(collection);
        collection.AddAgencyAdapters(configuration);
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Agency <paramref name="key"/>'s adapter, whatever its data (tests read the data back as what it is).</summary>
    public static AnyAdapter Adapter(this ServiceProvider services, string key) => new(services.GetRequiredKeyedService<IAgencyAdapter>(key));

    /// <summary>Agency <paramref name="key"/>'s adapter as <typeparamref name="T"/> (e.g. the address adapter it also is).</summary>
    public static T Adapter<T>(this ServiceProvider services, string key) where T : IAgencyAdapter =>
        Assert.IsAssignableFrom<T>(services.GetRequiredKeyedService<IAgencyAdapter>(key));

    public static AgencyQuery Query(MockCountry country) => AgencyQuery.For(country.Population.AsOf);
}

/// <summary>An adapter of any data type, for tests that run every agency alike; each call goes to the typed adapter.</summary>
internal sealed class AnyAdapter(IAgencyAdapter adapter)
{
    public AgencyDescriptor Agency => adapter.Agency;

    /// <summary>The person's data set as the adapter returns it (null: nothing on the person).</summary>
    public Task<object?> FetchAsync(Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        adapter.Accept(new Fetch(fin, query, cancellationToken));

    /// <summary>Fetches the person's data set and puts it on a member as the hub does: true when it lands in the agency's own place on the member.</summary>
    public Task<bool> FetchLandsOnMemberAsync(Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        adapter.Accept(new FetchAndPlace(fin, query, cancellationToken));

    private sealed class Fetch(Fin fin, AgencyQuery query, CancellationToken cancellationToken) : IAgencyVisitor<Task<object?>>
    {
        public async Task<object?> Visit<T>(IAgencyAdapter<T> adapter) where T : class => await adapter.FetchAsync(fin, query, cancellationToken);
    }

    private sealed class FetchAndPlace(Fin fin, AgencyQuery query, CancellationToken cancellationToken) : IAgencyVisitor<Task<bool>>
    {
        public async Task<bool> Visit<T>(IAgencyAdapter<T> adapter) where T : class
        {
            var data = await adapter.FetchAsync(fin, query, cancellationToken);
            var set = new DataSet<T>(SourceStatus.Ok, data, null);
            var member = adapter.Agency.Set.Write(new MemberProfile(fin, RelationToApplicant.Applicant, [], []), set);
            return data is not null && ReferenceEquals(adapter.Agency.Set.Read(member), set);
        }
    }
}
