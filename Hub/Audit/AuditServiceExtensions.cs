using IntegrationHub.Subsystems.Common.Storage;

namespace IntegrationHub.Hub.Audit;

public static class AuditServiceExtensions
{
    /// <summary>The audit log, its options (validated at start-up) and the daily retention purge.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.SectionName))
            .Configure(o => o.DataDirectory = DataDirectory.Of(configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AuditLog>();
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
