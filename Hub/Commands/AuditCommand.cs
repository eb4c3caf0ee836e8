using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.Hub.Commands;

/// <summary>
/// <c>dotnet run --project Hub -- audit verify [--Storage:DataDirectory dir] [--Audit:Segment name] [--Audit:PublicKey pem]</c>:
/// walks the chain of the audit file, checks it against the signed checkpoints and the retention, and prints the
/// result with the anchor and the last checkpoint; exit code 0 when intact, 1 when broken or unreadable, 2 on a
/// wrong command. Run it while the hub is stopped (the file is the hub's own); on a running hub use
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
        if (!File.Exists(options.FilePath))
        {
            output.WriteLine($"No audit log at {Path.GetFullPath(options.FilePath)}.");
            return 1;
        }
        try
        {
            using var db = new LiteDatabase(new ConnectionString { Filename = options.FilePath, ReadOnly = true }, DurableStore.CreateMapper());
            using var key = AuditSigningKey.ForVerification(options);
            var result = AuditVerifier.Verify(AuditLog.Reader(db), new AuditCheckpointFile(options.CheckpointFilePath), key, options.Retention, time.GetUtcNow());
            output.WriteLine($"{Path.GetFullPath(options.FilePath)}: {(result.Intact ? "intact" : "BROKEN")}");
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
        catch (Exception e) when (e is IOException or LiteException)
        {
            output.WriteLine($"Cannot read {Path.GetFullPath(options.FilePath)}: {e.Message}");
            return 1;
        }
    }
}
