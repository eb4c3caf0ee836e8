using IntegrationHub.Adapters.Common;
using IntegrationHub.Mocks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:01",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:02.500",
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

    public static IAgencyAdapter Adapter(this ServiceProvider services, string key) =>
        services.GetServices<IAgencyAdapter>().Single(a => a.Agency.Key == key);

    public static AgencyQuery Query(MockCountry country) => AgencyQuery.For(country.Population.AsOf);
}
