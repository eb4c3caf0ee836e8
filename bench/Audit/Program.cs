using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Audit.Postgres;
using IntegrationHub.Storage.Postgres;
using Npgsql;
using IntegrationHub.Hub.Engine.Audit.Segments;
using IntegrationHub.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

// Durable audit appends through the embedded segment store (hash chain, one writer, group commit, fsync before
// acknowledging) at several concurrencies; the latency an append adds at a steady 1,000 records/s; how fast the
// views catch up; and, for scale, plain LiteDB inserts of the same records (not fsynced: what LiteDB does by itself).
// Then the audit on PostgreSQL with one and two writer instances (a server on 127.0.0.1:55432, tests/postgres/start.sh,
// or INTEGRATIONHUB_BENCH_POSTGRES; skipped without one).
// Usage: dotnet run -c Release --project bench/Audit [records per run, default 50000] [paced: only the paced line and the disk's fsync]
var records = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
var pacedOnly = args.Length > 1 && args[1] == "paced";
var root = Path.Combine(Path.GetTempPath(), "audit-bench-" + Guid.NewGuid().ToString("N"));
Console.WriteLine($"{records} records per run; files under {root}; load average {Load()}");
// CPU time per record (the whole process: writer, hashing, the callers, the views' indexer) does not depend on what
// else the machine runs as much as records/s does: two cores' worth of it is the ceiling on a quiet machine.
Console.WriteLine($"{"mode",-42} {"records/s",10} {"groups",8} {"records/group",14} {"views catch-up",15} {"CPU µs/record",14}");
double at64 = 0;

try
{
    foreach (var concurrency in pacedOnly ? [] : new[] { 1, 8, 64, 256 })
    {
        using var audit = Open(Path.Combine(root, "durable-" + concurrency));
        await audit.AppendAsync(Entry(0)); // open the file and JIT before timing
        var count = concurrency == 1 ? Math.Min(records, 5_000) : records;
        var start = audit.Counters;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count) await audit.AppendAsync(Entry(next));
        })));
        clock.Stop();
        var groups = audit.Counters.Groups - start.Groups;
        var views = Stopwatch.StartNew();
        var total = audit.Find(new AuditFilter(), 1, 1).Total; // waits for the views to hold every record
        views.Stop();
        var cpuPerRecord = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
        if (total != count + 1) throw new InvalidOperationException($"views hold {total} records, not {count + 1}");
        if (!audit.Verify().Intact) throw new InvalidOperationException("chain broken");
        var perSecond = count / clock.Elapsed.TotalSeconds;
        if (concurrency == 64) at64 = perSecond;
        Print($"durable, {concurrency} concurrent writers", perSecond, groups, (double)count / groups, $"{views.Elapsed.TotalMilliseconds:N0} ms", cpuPerRecord);
    }

    // The views alone: those of the 64-writer run deleted and rebuilt from its segment by one read (the process's CPU
    // and allocation per record: what indexing costs a hub per profile, whatever batches it takes them in).
    if (!pacedOnly)
    {
        var options = new AuditOptions { DataDirectory = Path.Combine(root, "durable-64") };
        foreach (var views in Directory.GetFiles(options.SegmentDirectory, "views*")) File.Delete(views);
        using var audit = Open(options.DataDirectory);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var total = audit.Find(new AuditFilter(), 1, 1).Total;
        clock.Stop();
        var cpuPerRecord = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / total;
        var kbPerRecord = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / total;
        Print($"views rebuilt from the segment ({kbPerRecord:N1} KB/rec)", total / clock.Elapsed.TotalSeconds, 0, 0, $"{clock.Elapsed.TotalMilliseconds:N0} ms", cpuPerRecord);
    }

    // A hub at 1,000 profiles/s: one append every millisecond, each timed from call to acknowledgement (fsync included).
    {
        using var audit = Open(Path.Combine(root, "paced"));
        await audit.AppendAsync(Entry(0));
        var paced = Math.Min(records, 10_000);
        var latencies = new double[paced];
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(paced);
        for (var i = 0; i < paced; i++)
        {
            var due = TimeSpan.FromMilliseconds(i);
            while (clock.Elapsed < due)
            {
                if (due - clock.Elapsed > TimeSpan.FromMilliseconds(2)) await Task.Delay(1);
                else Thread.SpinWait(50);
            }
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await audit.AppendAsync(Entry(n));
                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        Array.Sort(latencies);
        var p50 = latencies[paced / 2];
        var p99 = latencies[(int)(paced * 0.99)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"paced 1,000 records/s, latency per append",-42} p50 {p50:N2} ms, p99 {p99:N2} ms, max {latencies[^1]:N2} ms ({paced} appends, {audit.Counters.Groups} groups)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target: added p99 ≤ 2 ms at 1,000 records/s: {p99:N2} ms: {(p99 <= 2 ? "met" : "MISSED")}"));
    }

    // The disk alone, for the line above: one small append (an audit line's size) and its fsync, as the store's writer
    // does it per group, back to back and then paced at one a millisecond. An added p99 near this fsync's p99 is the disk's.
    {
        var path = Path.Combine(root, "fsync", "chunk");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        var line = new byte[600];
        Array.Fill(line, (byte)'x');
        line[^1] = (byte)'\n';
        foreach (var paced in new[] { false, true })
        {
            var n = Math.Min(records, 5_000);
            var took = new double[n];
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                if (paced)
                {
                    var due = TimeSpan.FromMilliseconds(i);
                    while (clock.Elapsed < due) Thread.SpinWait(50);
                }
                var started = Stopwatch.GetTimestamp();
                file.Write(line);
                file.Flush(flushToDisk: true);
                took[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(took);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(paced ? "fsync of a 600-byte append, 1 a ms" : "fsync of a 600-byte append, back to back"),-42} p50 {took[n / 2]:N2} ms, p99 {took[(int)(n * 0.99)]:N2} ms, p99.9 {took[(int)(n * 0.999)]:N2} ms, max {took[^1]:N2} ms ({n} fsyncs)"));
        }
    }

    if (pacedOnly) return;
    {
        var count = Math.Min(records, 20_000);
        var path = Path.Combine(root, "plain", "audit.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var db = new LiteDatabase(path, DurableStore.CreateMapper());
        var collection = db.GetCollection<AuditRecord>("records");
        collection.EnsureIndex("subjects", "$.Subjects[*]");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            var record = Record(Entry(i), i);
            collection.Insert(record);
        }
        clock.Stop();
        Print("plain LiteDB insert, 1 writer (no fsync)", count / clock.Elapsed.TotalSeconds, count, 1, "", (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"target: ≥ 20,000 durable records/s at 64 writers: {at64:N0}/s: {(at64 >= 20_000 ? "met" : "MISSED")}"));

    await PostgresAsync(records);
}
finally
{
    Directory.Delete(root, recursive: true);
}

// The audit on PostgreSQL (Storage:Provider=Postgres): one hub instance's store, then two instances' stores writing their
// own segments at once (two stores, each with its own connection pool, in this one process), 256 concurrent appenders in
// all. Client CPU is this process's; server CPU is every postgres process's, read from /proc.
static async Task PostgresAsync(int records)
{
    var server = Environment.GetEnvironmentVariable("INTEGRATIONHUB_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
    Console.WriteLine();
    Console.WriteLine($"PostgreSQL ({server}); load average {Load()}");
    string database;
    try
    {
        database = "ih_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = new NpgsqlConnection(server + ";Pooling=false");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {database}", admin);
        await create.ExecuteNonQueryAsync();
    }
    catch (NpgsqlException e)
    {
        Console.WriteLine($"skipped: no PostgreSQL server ({e.Message}); start one with tests/postgres/start.sh");
        return;
    }
    var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    Console.WriteLine($"{"mode",-42} {"records/s",10} {"groups",8} {"records/group",14} {"client CPU µs/rec",18} {"server CPU µs/rec",18}");
    var results = new List<(string Mode, double PerSecond)>();
    try
    {
        foreach (var instances in new[] { 1, 2 })
        {
            var databases = Enumerable.Range(0, instances).Select(_ => new PostgresDatabase(connection)).ToList();
            var stores = databases.Select((d, i) => new PostgresAuditStore(d, Options.Create(new AuditOptions { Segment = $"bench-{instances}-{i}", MaxGroup = 256 }), TimeProvider.System)).ToList();
            foreach (var store in stores) await store.AppendAsync(Entry(0)); // claim the segment, migrate, warm up
            var before = stores.Select(s => s.Counters).ToList();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var serverCpu = PostgresCpu();
            var clock = Stopwatch.StartNew();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 256).Select(w => Task.Run(async () =>
            {
                var store = stores[w % instances];
                while (Interlocked.Increment(ref next) <= records) await store.AppendAsync(Entry(next));
            })));
            clock.Stop();
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / records;
            var serverPerRecord = (PostgresCpu() - serverCpu).TotalMicroseconds / records;
            var groups = stores.Select((s, i) => s.Counters.Groups - before[i].Groups).Sum();
            foreach (var store in stores)
            {
                if (!store.Verify().Intact) throw new InvalidOperationException("chain broken");
            }
            var perSecond = records / clock.Elapsed.TotalSeconds;
            var mode = $"PostgreSQL, {instances} writer instance{(instances > 1 ? "s" : "")}, 256 writers";
            results.Add((mode, perSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode,-42} {perSecond,10:N0} {groups,8} {(double)records / groups,14:N1} {clientCpu,18:N1} {serverPerRecord,18:N1}"));
            foreach (var store in stores) store.Dispose();
            foreach (var db in databases) await db.DisposeAsync();
        }
        foreach (var (mode, perSecond) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target: ≥ 20,000 durable records/s on PostgreSQL ({mode}): {perSecond:N0}/s: {(perSecond >= 20_000 ? "met" : "MISSED")}"));
        }
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server + ";Pooling=false");
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

// CPU time of every postgres process on this machine (user + system), from /proc; zero where /proc is not there.
static TimeSpan PostgresCpu()
{
    if (!Directory.Exists("/proc")) return TimeSpan.Zero;
    long ticks = 0;
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var close = stat.LastIndexOf(')');
            if (close < 0 || !stat.AsSpan(stat.IndexOf('(') + 1, close - stat.IndexOf('(') - 1).StartsWith("postgres", StringComparison.Ordinal)) continue;
            var fields = stat[(close + 2)..].Split(' ');
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // A process that ended while being read.
        }
    }
    return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
}

static AuditSegmentStore Open(string directory) =>
    new(Options.Create(new AuditOptions { DataDirectory = directory }), TimeProvider.System);

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static void Print(string mode, double perSecond, long groups, double perGroup, string views, double cpuPerRecord) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode,-42} {perSecond,10:N0} {groups,8} {perGroup,14:N1} {views,15} {cpuPerRecord,14:N1}"));

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
