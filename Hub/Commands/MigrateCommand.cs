using IntegrationHub.Storage;
using IntegrationHub.Storage.Postgres;

namespace IntegrationHub.Hub.Commands;

/// <summary>
/// <c>dotnet run --project Hub -- migrate [--Storage:Provider Postgres --Storage:ConnectionString …]</c>: brings the
/// shared database's schema to this build's version (the hub does the same at start; this is for a deployment that
/// migrates before it rolls out), safe while hubs run or start (an advisory lock). Prints the versions before and after;
/// exit code 0 when migrated, 1 when the database cannot be reached, 2 when the storage is not PostgreSQL.
/// </summary>
public static class MigrateCommand
{
    /// <summary>Runs the command when <paramref name="args"/> start with <c>migrate</c> and returns its exit code; null otherwise.</summary>
    public static int? TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "migrate") return null;
        return Run(args.Skip(1).ToArray(), Console.Out);
    }

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var storage = StorageOptions.Of(WebApplication.CreateBuilder(args).Configuration);
        if (storage.Provider != StorageProvider.Postgres || string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            output.WriteLine("usage: migrate --Storage:Provider Postgres --Storage:ConnectionString <connection string>  (the embedded LiteDB storage has no schema to migrate)");
            return 2;
        }
        using var database = new PostgresDatabase(storage.ConnectionString);
        try
        {
            var (before, after) = database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
            output.WriteLine(before == after
                ? $"PostgreSQL database {database.Name} at {database.Endpoint}: schema at version {after}, nothing to do."
                : $"PostgreSQL database {database.Name} at {database.Endpoint}: schema migrated from version {before} to {after}.");
            return 0;
        }
        catch (StorageUnavailableException e)
        {
            output.WriteLine(e.Message);
            return 1;
        }
    }
}
