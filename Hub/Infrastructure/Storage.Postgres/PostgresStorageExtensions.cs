using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// <c>Storage:Provider</c> and <c>Storage:ConnectionString</c>, validated at start-up; with <c>Postgres</c>, the
    /// <see cref="PostgresDatabase"/> the shared stores use and the schema migrated at start (<see cref="SchemaMigration"/>).
    /// Safe to call from every role: registers once.
    /// </summary>
    public static IServiceCollection AddStorageProvider(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(StorageProviderMarker))) return services;
        services.AddSingleton<StorageProviderMarker>();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (StorageOptions.Of(configuration).Provider != StorageProvider.Postgres) return services;
        services.TryAddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!));
        services.AddHostedService<SchemaMigration>();
        return services;
    }

    /// <summary>True when the configuration puts the shared stores on PostgreSQL.</summary>
    public static bool UsesPostgres(this IConfiguration configuration) => StorageOptions.Of(configuration).Provider == StorageProvider.Postgres;

    private sealed class StorageProviderMarker;
}

/// <summary>
/// Migrates the schema when the host starts, before it takes requests. A database that cannot be reached does not
/// stop the start: the hub then answers that it cannot audit (and its health says why) and this tries again every
/// few seconds; the stores themselves migrate before their first use too.
/// </summary>
public sealed partial class SchemaMigration(PostgresDatabase database, TimeProvider time, ILogger<SchemaMigration> logger) : BackgroundService
{
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryMigrateAsync(cancellationToken)) return;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            do await Task.Delay(RetryEvery, time, stoppingToken);
            while (!await TryMigrateAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryMigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.EnsureSchemaAsync(cancellationToken);
            LogMigrated(logger, database.Name, database.Endpoint, PostgresSchema.Latest);
            return true;
        }
        catch (StorageUnavailableException e)
        {
            LogUnavailable(logger, e, database.Name, database.Endpoint);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL database {Database} at {Endpoint}: schema at version {Version}")]
    private static partial void LogMigrated(ILogger logger, string database, string endpoint, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "PostgreSQL database {Database} at {Endpoint} is unavailable; the schema is migrated when it comes back, and until then nothing is answered that cannot be audited")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string database, string endpoint);
}
