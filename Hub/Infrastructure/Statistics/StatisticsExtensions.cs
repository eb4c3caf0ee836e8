using IntegrationHub.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Statistics;

public static class StatisticsExtensions
{
    /// <summary>
    /// The counter (<see cref="IEServiceCounter"/>, <see cref="IProfileCounter"/>, <see cref="IOutcomeCounter"/>, <see cref="UsageCounter"/>), its
    /// periodic flush, and the store (<see cref="IUsageStore"/>: <c>statistics.db</c> in the data directory unless one
    /// is registered before), settings validated at start-up. The host calls it once for every role.
    /// </summary>
    public static IServiceCollection AddEServiceStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StatisticsOptions>()
            .Bind(configuration.GetSection(StatisticsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatisticsOptions>, StatisticsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        if (configuration.UsesPostgres())
        {
            // Storage:Provider=Postgres: every instance's tallies in the shared database, summed on read.
            services.AddStorageProvider(configuration);
            services.TryAddSingleton<IUsageStore>(sp => new PostgresUsageStore(sp.GetRequiredService<PostgresDatabase>()));
        }
        services.TryAddSingleton<IUsageStore>(sp => new LiteDbUsageStore(
            DataDirectory.File(configuration, LiteDbUsageStore.FileName), sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiteDbUsageStore>()));
        services.AddSingleton<UsageCounter>();
        services.AddSingleton<IEServiceCounter>(sp => sp.GetRequiredService<UsageCounter>());
        services.AddSingleton<IProfileCounter>(sp => sp.GetRequiredService<UsageCounter>());
        services.AddSingleton<IOutcomeCounter>(sp => sp.GetRequiredService<UsageCounter>());
        services.AddHostedService<UsageFlushService>();
        return services;
    }
}

/// <summary>Names every invalid setting at start-up.</summary>
internal sealed class StatisticsOptionsValidator : IValidateOptions<StatisticsOptions>
{
    public ValidateOptionsResult Validate(string? name, StatisticsOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
