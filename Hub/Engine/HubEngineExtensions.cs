using IntegrationHub.Adapters;
using IntegrationHub.Hub.Engine.Access;
using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Caching;
using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Engine.Profiles;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Hub.Engine;

public static class HubEngineExtensions
{
    /// <summary>
    /// The hub engine: the agency adapters, the agency cache, household resolution and aggregation, the access
    /// policy, the audit log with its checkpoints, and the profile use case (<see cref="HouseholdProfileService"/>),
    /// every setting validated at start-up, and the life events' inbox and processor. The host adds the doors, an
    /// <see cref="Events.IEventPublisher"/> and an <see cref="IPersonChangedDelivery"/>.
    /// </summary>
    public static IServiceCollection AddHubEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AggregationOptions>()
            .Bind(configuration.GetSection(AggregationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddAgencyAdapters(configuration);
        services.AddAgencyCache(configuration);
        services.AddSingleton<SourceFetcher>();
        services.AddSingleton<HouseholdResolver>();
        services.AddSingleton<HouseholdAggregator>();
        services.AddAccessPolicy(configuration);
        services.AddAuditLog(configuration);
        services.AddSingleton<ProfileAdmission>();
        services.AddSingleton<ProfileAudit>();
        services.AddSingleton<ProfileAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<ProfileAnnouncer>());
        services.AddSingleton<ProfileReplays>();
        services.AddSingleton<HouseholdProfileService>();
        services.AddLifeEvents(configuration);
        return services;
    }
}
