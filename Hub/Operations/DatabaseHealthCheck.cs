using IntegrationHub.Storage.Postgres;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Hub.Operations;

/// <summary>
/// With <c>Storage:Provider=Postgres</c>: ready only while the shared database answers and has this build's schema.
/// Reports the database's name and endpoint, whether it was reached, and its schema version against the one this build
/// expects (never the connection string: it may hold a password).
/// </summary>
internal sealed class DatabaseHealthCheck(PostgresDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["provider"] = "Postgres",
            ["database"] = database.Name,
            ["endpoint"] = database.Endpoint,
            ["expectedSchemaVersion"] = PostgresSchema.Latest,
        };
        try
        {
            var version = await database.SchemaVersionAsync(cancellationToken);
            data["reachable"] = true;
            data["schemaVersion"] = version;
            return version == PostgresSchema.Latest
                ? HealthCheckResult.Healthy($"PostgreSQL database {database.Name} reachable, schema version {version}", data)
                : HealthCheckResult.Unhealthy($"PostgreSQL database {database.Name} reachable, schema version {version} where {PostgresSchema.Latest} is expected (run `migrate`, or wait for the start-up migration)", data: data);
        }
        catch (IntegrationHub.Storage.StorageUnavailableException e)
        {
            data["reachable"] = false;
            return HealthCheckResult.Unhealthy($"PostgreSQL database {database.Name} at {database.Endpoint} unreachable: {e.InnerException?.Message ?? e.Message}", data: data);
        }
    }
}
