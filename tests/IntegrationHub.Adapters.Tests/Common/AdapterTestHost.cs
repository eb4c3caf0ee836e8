using IntegrationHub.Adapters.Common;
using IntegrationHub.Mocks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>A service provider with every agency adapter pointed at a mock country, with short, test-sized timeouts.</summary>
internal static class AdapterTestHost
{
    public static ServiceProvider Create(MockCountry country, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:01",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:02.500",
            ["Agencies:Defaults:MaxRetries"] = "1",
            ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
            ["Agencies:Defaults:BreakerMinimumThroughput"] = "100",
        };
        foreach (var (key, value) in country.HubConfiguration()) settings[key] = value;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAgencyAdapters(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IAgencyAdapter Adapter(this ServiceProvider services, string key) =>
        services.GetServices<IAgencyAdapter>().Single(a => a.Agency.Key == key);

    public static AgencyQuery Query(MockCountry country) => AgencyQuery.For(country.Population.AsOf);
}
