using LiteDB;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// <c>dotnet run --project Hub -- audit verify [--Storage:DataDirectory dir] [--Audit:Segment name]</c>: walks
/// the chain of the audit file and prints the result; exit code 0 when intact, 1 when broken or unreadable,
/// 2 on a wrong command. Run it while the hub is stopped (the file is the hub's own); on a running hub use
/// <c>GET /api/v1/audit/verify</c>.
/// </summary>
public static class AuditCommand
{
    /// <summary>Runs the command when <paramref name="args"/> start with <c>audit</c>; false otherwise (then the host starts).</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "audit") return false;
        Environment.ExitCode = Run(args.Skip(1).ToArray(), Console.Out);
        return true;
    }

    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0 || args[0] != "verify")
        {
            output.WriteLine("usage: audit verify [--Storage:DataDirectory <dir>] [--Audit:Segment <name>]");
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
            using var db = new LiteDatabase(new ConnectionString { Filename = options.FilePath, ReadOnly = true }, Subsystems.Common.Storage.DurableStore.CreateMapper());
            var result = AuditLog.Verify(db);
            output.WriteLine($"{Path.GetFullPath(options.FilePath)}: {result.Message}");
            return result.Intact ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or LiteException)
        {
            output.WriteLine($"Cannot read {Path.GetFullPath(options.FilePath)}: {e.Message}");
            return 1;
        }
    }
}
