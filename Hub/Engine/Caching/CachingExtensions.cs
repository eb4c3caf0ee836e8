using IntegrationHub.Hub.Engine.Caching.Internal;
using IntegrationHub.Hub.Engine.Telemetry;

namespace IntegrationHub.Hub.Engine.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// The agency cache (memory over a LiteDB file under <c>Storage:DataDirectory</c>), single-flight and
    /// the per-agency figures the state endpoint shows. Settings: section <c>Cache</c>, validated at start-up.
    /// </summary>
    public static IServiceCollection AddAgencyCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CacheOptions>()
            .Bind(configuration.GetSection(CacheOptions.SectionName))
            .Configure(o => o.DataDirectory = configuration["Storage:DataDirectory"] is { Length: > 0 } directory ? directory : o.DataDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AgencyCache>();
        services.AddSingleton<SingleFlight>();
        services.AddSingleton<PersonChangeMarks>();
        services.AddSingleton<AgencyStats>();
        return services;
    }
}
