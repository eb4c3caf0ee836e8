using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Audit.Postgres;
using IntegrationHub.Hub.Engine.Audit.Segments;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Postgres;
using LiteDB;

namespace IntegrationHub.Hub.Commands;

/// <summary>
/// <c>dotnet run --project Hub -- audit verify [--Storage:DataDirectory dir] [--Audit:Segment name] [--Audit:PublicKey pem]</c>:
/// walks the chain of the audit segment (the chunk files of <c>audit/</c> or <c>audit-{segment}/</c>), checks it against the signed checkpoints and the retention, and prints the
/// result with the anchor and the last checkpoint; exit code 0 when intact, 1 when broken or unreadable, 2 on a
/// wrong command. Run it while the hub is stopped (the files are the hub's own); on a running hub use
/// <c>GET /api/v1/audit/verify</c>.
/// </summary>
public static class AuditCommand
{
    /// <summary>Runs the command when <paramref name="args"/> start with <c>audit</c> and returns its exit code; null otherwise (then the host starts).</summary>
    public static int? TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "audit") return null;
        return Run(args.Skip(1).ToArray(), Console.Out, TimeProvider.System);
    }

    /// <summary>Runs <c>verify</c>; <paramref name="time"/> says what is old enough for the retention to have purged.</summary>
    public static int Run(string[] args, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        if (args.Length == 0 || args[0] != "verify")
        {
            output.WriteLine("usage: audit verify [--Storage:DataDirectory <dir>] [--Audit:Segment <name>] [--Audit:PublicKey <pem>]");
            return 2;
        }
        // The host's own configuration sources (appsettings, environment, command line), without starting it.
        var configuration = WebApplication.CreateBuilder(args.Skip(1).ToArray()).Configuration;
        var options = AuditServiceExtensions.ReadOptions(configuration);
        if (configuration.UsesPostgres()) return VerifyPostgres(StorageOptions.Of(configuration), options, output, time);
        var segment = Path.GetFullPath(options.SegmentDirectory);
        var legacy = Path.GetFullPath(options.LegacyFilePath);
        var imported = Directory.Exists(segment);
        if (!imported && !File.Exists(legacy))
        {
            output.WriteLine($"No audit log at {segment}.");
            return 1;
        }
        var where = imported ? segment : legacy;
        try
        {
            // An audit.db of an earlier version not yet imported (the hub imports it at its next start) is verified as it is.
            using var legacyFile = imported ? null : LegacyAuditFile.Open(legacy);
            IAuditChainReader chain = legacyFile is null ? new SegmentChain(segment) : legacyFile;
            using var key = AuditSigningKey.ForVerification(options);
            var result = AuditVerifier.Verify(chain, new AuditCheckpointFile(options.CheckpointFilePath), key, options.Retention, time.GetUtcNow());
            output.WriteLine($"{where}: {(result.Intact ? "intact" : "BROKEN")}{(imported ? "" : " (an audit.db of an earlier version, imported into the segment at the hub's next start)")}");
            output.WriteLine(result.Anchor is { } anchor
                ? $"Anchor: records up to {anchor.Sequence} purged by retention, the last dated {anchor.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC, hash {anchor.Hash}"
                : "Anchor: none (the chain starts at record 1)");
            output.WriteLine(result.LastCheckpoint is { } last
                ? $"Last checkpoint: record {last.Sequence}, hash {last.Hash}, signed {last.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} UTC by {last.Instance} with key {last.KeyId} ({result.Checkpoints} checkpoints in {Path.GetFullPath(options.CheckpointFilePath)})"
                : $"Last checkpoint: none in {Path.GetFullPath(options.CheckpointFilePath)}");
            if (key is not null) output.WriteLine($"Key: {key.KeyId} from {key.Source}");
            output.WriteLine($"Head: record {result.Head}; {result.Verified} records verified.");
            foreach (var problem in result.Problems ?? []) output.WriteLine("Problem: " + problem);
            output.WriteLine(result.Message);
            return result.Intact ? 0 : 1;
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or LiteException or UnauthorizedAccessException)
        {
            output.WriteLine($"Cannot read {where}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Storage:Provider=Postgres: every segment of the shared table against its own checkpoints (the hubs may be running).</summary>
    private static int VerifyPostgres(StorageOptions storage, AuditOptions options, TextWriter output, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            output.WriteLine("Storage:ConnectionString is required when Storage:Provider is Postgres.");
            return 2;
        }
        using var database = new PostgresDatabase(storage.ConnectionString);
        try
        {
            using var key = AuditSigningKey.ForVerification(options);
            var segments = PostgresSegmentChain.Segments(database);
            if (segments.Count == 0)
            {
                output.WriteLine($"No audit records in the PostgreSQL database {database.Name} at {database.Endpoint}.");
                return 1;
            }
            var intact = true;
            foreach (var segment in segments)
            {
                var result = AuditVerifier.Verify(new PostgresSegmentChain(database, segment), new PostgresCheckpointLog(database, () => segment), key, options.Retention, time.GetUtcNow());
                intact &= result.Intact;
                output.WriteLine($"Segment {segment} in {database.Name} at {database.Endpoint}: {(result.Intact ? "intact" : "BROKEN")}; head record {result.Head}, {result.Verified} records verified, {result.Checkpoints} checkpoints");
                foreach (var problem in result.Problems ?? []) output.WriteLine("Problem: " + problem);
                output.WriteLine(result.Message);
            }
            if (key is not null) output.WriteLine($"Key: {key.KeyId} from {key.Source}");
            return intact ? 0 : 1;
        }
        catch (Exception e) when (e is StorageUnavailableException or InvalidOperationException)
        {
            output.WriteLine(e.Message);
            return 1;
        }
    }
}
