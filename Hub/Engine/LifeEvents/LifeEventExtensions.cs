using IntegrationHub.Hub.Engine.LifeEvents.Postgres;
using IntegrationHub.Storage.Postgres;

namespace IntegrationHub.Hub.Engine.LifeEvents;

public static class LifeEventExtensions
{
    /// <summary>
    /// The life events' door, inbox and processor (sections <c>LifeEvents</c> and <c>Trust:LifeEvents</c>, validated at
    /// start-up). The host gives the way out (<see cref="IPersonChangedDelivery"/>) and the HTTP door.
    /// </summary>
    public static IServiceCollection AddLifeEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LifeEventOptions>()
            .Bind(configuration.GetSection(LifeEventOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LifeEventOptions>, LifeEventOptionsValidator>();
        services.AddOptions<LifeEventPolicyOptions>()
            .Configure(o => configuration.GetSection(LifeEventPolicyOptions.SectionName).Bind(o.Subsystems))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LifeEventPolicyOptions>, LifeEventPolicyValidator>();
        services.AddSingleton<AgencyEventKeys>();
        if (configuration.UsesPostgres())
        {
            // Storage:Provider=Postgres: one inbox all hub instances share (docs/scaling.md).
            services.AddStorageProvider(configuration);
            services.AddSingleton<ILifeEventInbox>(sp => new PostgresLifeEventInbox(
                sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<IOptions<LifeEventOptions>>().Value.TakeFor));
        }
        else
        {
            services.AddSingleton<ILifeEventInbox>(sp => new LiteDbLifeEventInbox(
                DataDirectory.File(configuration, LiteDbLifeEventInbox.FileName),
                sp.GetRequiredService<IOptions<LifeEventOptions>>().Value.TakeFor,
                sp.GetRequiredService<ILogger<LiteDbLifeEventInbox>>()));
        }
        services.AddSingleton<LifeEventStats>();
        services.AddSingleton<LifeEventWakeup>();
        services.AddSingleton<LifeEventIntake>();
        services.AddSingleton<LifeEventProcessor>();
        if (configuration.GetValue($"{LifeEventOptions.SectionName}:{nameof(LifeEventOptions.RunProcessor)}", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<LifeEventProcessor>());
        }
        return services;
    }
}
