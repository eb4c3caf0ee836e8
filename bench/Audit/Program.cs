using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

// Durable audit appends (hash chain, group commit, fsync before acknowledging) at several concurrencies,
// against plain LiteDB inserts of the same records (not fsynced: what LiteDB does by itself).
// Usage: dotnet run -c Release --project bench/Audit [records per run, default 20000]
var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var root = Path.Combine(Path.GetTempPath(), "audit-bench-" + Guid.NewGuid().ToString("N"));
Console.WriteLine($"{records} records per run; files under {root}");
Console.WriteLine($"{"mode",-34} {"records/s",10} {"groups",8} {"records/group",14}");

try
{
    foreach (var concurrency in new[] { 1, 8, 64, 256 })
    {
        var directory = Path.Combine(root, "durable-" + concurrency);
        using var audit = new AuditLog(Options.Create(new AuditOptions { DataDirectory = directory }), TimeProvider.System);
        await audit.AppendAsync(Entry(0)); // open the file and JIT before timing
        var start = audit.Counters;
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= records) await audit.AppendAsync(Entry(next));
        })));
        clock.Stop();
        var groups = audit.Counters.Groups - start.Groups;
        if (!audit.Verify().Intact) throw new InvalidOperationException("chain broken");
        Print($"durable, {concurrency} concurrent writers", records / clock.Elapsed.TotalSeconds, groups, (double)records / groups);
    }

    {
        var path = Path.Combine(root, "plain", "audit.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var db = new LiteDatabase(path, DurableStore.CreateMapper());
        var collection = db.GetCollection<AuditRecord>("records");
        collection.EnsureIndex("subjects", "$.Subjects[*]");
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= records; i++)
        {
            var record = Record(Entry(i), i);
            collection.Insert(record);
        }
        clock.Stop();
        Print("plain LiteDB insert, 1 writer (no fsync)", records / clock.Elapsed.TotalSeconds, records, 1);
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

static void Print(string mode, double perSecond, long groups, double perGroup) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode,-34} {perSecond,10:N0} {groups,8} {perGroup,14:N1}"));

static AuditEntry Entry(int n) => new(
    Guid.CreateVersion7(), "assistance", "officer-17", "targeted-social-assistance", $"VEM-2026-{n:D6}", "WDT8LT0",
    ["WDT8LT0", "3ABVK9J", "7QJ2M4X", "K9ZP1RT"], AuditRecord.Ok,
    [.. Enumerable.Range(0, 13).Select(i => new AgencyAccess { Agency = "agency-" + i, DataSet = "set-" + i, Asked = 4, Ok = 4 })],
    Guid.CreateVersion7(), AuditRecord.Sha256("profile " + n));

// The same record the log would write, hash included, for the plain-insert comparison.
static AuditRecord Record(AuditEntry e, long id)
{
    var record = new AuditRecord
    {
        Id = id, Time = TimeProvider.System.GetUtcNow(), RequestId = e.RequestId, Caller = e.Caller, Officer = e.Officer, Purpose = e.Purpose,
        CaseNumber = e.CaseNumber, Applicant = e.Applicant, Subjects = [.. e.Subjects], Outcome = e.Outcome, Agencies = [.. e.Agencies],
        ProfileId = e.ProfileId, ProfileHash = e.ProfileHash, PreviousHash = AuditRecord.Genesis,
    };
    record.Hash = record.ComputeHash();
    return record;
}
