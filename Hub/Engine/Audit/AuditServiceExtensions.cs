using IntegrationHub.Hub.Engine.Audit.Postgres;
using IntegrationHub.Hub.Engine.Audit.Segments;
using IntegrationHub.Hub.Engine.Events;
using IntegrationHub.Storage.Postgres;

namespace IntegrationHub.Hub.Engine.Audit;

public static class AuditServiceExtensions
{
    /// <summary>
    /// The audit log (the embedded segment store behind <see cref="IAuditStore"/>), its options (validated at start-up), its signed checkpoints (a copy of each through the host's
    /// <see cref="IEventPublisher"/>) and the daily retention purge.
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.SectionName))
            .Configure(o => o.DataDirectory = DataDirectory.Of(configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configuration.UsesPostgres())
        {
            // Storage:Provider=Postgres: this instance's segment in the shared table, its checkpoints beside it.
            services.AddStorageProvider(configuration);
            services.AddSingleton(sp => new PostgresAuditStore(
                sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<IOptions<AuditOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresAuditStore>>()));
            services.AddSingleton<IAuditStore>(sp => sp.GetRequiredService<PostgresAuditStore>());
            services.AddSingleton<IAuditCheckpointLog>(sp => sp.GetRequiredService<PostgresAuditStore>().Checkpoints);
        }
        else
        {
            services.AddSingleton<IAuditStore>(sp => new AuditSegmentStore(
                sp.GetRequiredService<IOptions<AuditOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditSegmentStore>>()));
            services.AddSingleton<IAuditCheckpointLog>(sp => new AuditCheckpointFile(sp.GetRequiredService<IOptions<AuditOptions>>().Value.CheckpointFilePath));
        }
        services.AddSingleton(sp => AuditSigningKey.LoadOrCreate(sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddSingleton(sp => new AuditCheckpointer(
            sp.GetRequiredService<IAuditStore>(),
            sp.GetRequiredService<AuditSigningKey>(),
            sp.GetRequiredService<IAuditCheckpointLog>(),
            sp.GetRequiredService<IOptions<AuditOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AuditCheckpointer>>(),
            sp.GetRequiredService<IEventPublisher>()));
        // Before the retention purge: the start-up checkpoint is written before anything else touches the chain.
        services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointer>());
        services.AddSingleton<AuditRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditRetentionService>());
        return services;
    }

    /// <summary>The options as the host would bind them, for the command line.</summary>
    public static AuditOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AuditOptions.SectionName).Get<AuditOptions>() ?? new AuditOptions();
        options.DataDirectory = DataDirectory.Of(configuration);
        return options;
    }
}
