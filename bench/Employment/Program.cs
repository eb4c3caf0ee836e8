using System.Diagnostics;
using System.Globalization;
using System.Text;
using IntegrationHub.Employment;
using IntegrationHub.Employment.Bulk;
using IntegrationHub.Employment.Domain;
using IntegrationHub.Employment.Employees;
using IntegrationHub.Employment.Events;
using IntegrationHub.Employment.Registry;
using IntegrationHub.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// The registry's durable write path, as the module runs it once the employee is known (the population register's
// answer cached): single notifications through NotificationService from 64 employers at once (form, key, rules,
// one durable write each, fsync before the answer, grouped by the shared durable store), then one bulk file through
// BulkService and BulkWorker (chunks of LinesPerCommit lines, one durable write per chunk). No HTTP, no hub.
// Usage: dotnet run -c Release --project bench/Employment [notifications, default 40000] [bulk lines, default 100000]
var singles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40_000;
var bulkLines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
const int Employers = 64;
var root = Path.Combine(Path.GetTempPath(), "employment-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);
Console.WriteLine($"{Environment.ProcessorCount} cores; {singles} single notifications from {Employers} employers; a bulk file of {bulkLines} lines; files under {root}");

try
{
    var voens = Enumerable.Range(0, Employers).Select(i => (1000000000 + i * 10).ToString("0000000000", CultureInfo.InvariantCulture)[..9] + "1").Distinct().ToList();
    var options = Options.Create(new EmploymentOptions
    {
        MinimumWages = [new MinimumWage { From = new DateOnly(2025, 1, 1), Amount = 400 }],
        Employers = voens.ToDictionary(v => v, v => new EmployerOptions { Name = "Employer " + v }),
        Bulk = new BulkOptions { MaxLines = 1_000_000, MaxBytes = 256 * 1024 * 1024 },
    });
    var time = TimeProvider.System;
    var people = new PersonDirectory(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), options, time, NullLogger<PersonDirectory>.Instance);
    // One person per notification (and one more for the warm-up): each employer notifies its own people, as employers do.
    var fins = Enumerable.Range(0, Math.Max(singles + 1, 2_000)).Select(Fin).ToList();
    foreach (var fin in fins) people.Remember(new PersonFacts(fin, "Bench Person", new DateOnly(1990, 5, 17), false, null));
    var rules = new LabourRules(options.Value.MinimumWages, options.Value.NormalWeeklyHours);
    var start = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // 1. Singly: each employer notifies new main contracts for its own people, one after another, all employers at once.
    using (var store = new LiteDbEmploymentStore(Path.Combine(root, "singles", "employment.db")))
    {
        var service = new NotificationService(store, people, new Registrar(rules), new EventSignal(), options, time, NullLogger<NotificationService>.Instance);
        var employers = voens.Select(v => new EmployerActor(v, "Employer " + v, "bench-" + v, null)).ToList();
        var warm = await service.NotifyAsync(Input(fins[^1], start), NotificationKinds.New, employers[0], "warm", CancellationToken.None);
        if (warm.Problem is not null) throw new InvalidOperationException(warm.Problem.Detail);
        var before = store.Counters;
        var next = -1;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(employers.Select((employer, e) => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= singles) return;
                var result = await service.NotifyAsync(Input(fins[i], start), NotificationKinds.New, employer, $"k{e}-{i}", CancellationToken.None);
                if (result.Problem is not null) throw new InvalidOperationException(result.Problem.Code + ": " + result.Problem.Detail);
            }
        })));
        clock.Stop();
        var groups = store.Counters.Groups - before.Groups;
        Print($"single notifications, {Employers} employers", singles / clock.Elapsed.TotalSeconds, "notifications/s", groups, (double)singles / groups, Cpu(cpu, singles));
    }

    // 2. Bulk: one CSV file of new secondary contracts, stored then worked chunk by chunk.
    using (var store = new LiteDbEmploymentStore(Path.Combine(root, "bulk", "employment.db")))
    {
        var employer = new EmployerActor(voens[0], "Employer " + voens[0], "bench", null);
        var file = new StringBuilder("fin,position,occupationCode,workplace,startDate,term,weeklyHours,monthlyWage,contractKind\n");
        for (var i = 0; i < bulkLines; i++) file.Append(CultureInfo.InvariantCulture, $"{fins[i % fins.Count]},aşpaz,5120,Bakı,{start},indefinite,40,{800 + i % 100},secondary\n");
        var bytes = Encoding.UTF8.GetBytes(file.ToString());
        var bulk = new BulkService(store, options, time, new BulkSignal(), NullLogger<BulkService>.Instance);
        var worker = new BulkWorker(store, people, new Registrar(rules), new BulkSignal(), new EventSignal(), new NoCounter(), options, time, NullLogger<BulkWorker>.Instance);
        var before = store.Counters;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (job, _, problem) = await bulk.SubmitAsync(bytes, "text/csv", employer, null, CancellationToken.None);
        if (problem is not null) throw new InvalidOperationException(problem.Detail);
        var stored = clock.Elapsed;
        if (!await worker.WorkAsync(job!, CancellationToken.None)) throw new InvalidOperationException("the bulk file was not worked");
        clock.Stop();
        var done = store.FindBulk(job!.Number)!;
        if (done.Accepted != bulkLines) throw new InvalidOperationException($"{done.Accepted} of {bulkLines} lines accepted");
        var groups = store.Counters.Groups - before.Groups;
        Print($"bulk file ({bytes.Length / 1024 / 1024.0:0.0} MB), stored in {stored.TotalSeconds:0.00} s", bulkLines / clock.Elapsed.TotalSeconds, "lines/s", groups, (double)bulkLines / groups, Cpu(cpu, bulkLines));
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

static NotificationInput Input(string fin, string start) => new()
{
    Fin = fin, Position = "mühasib", OccupationCode = "2411", Workplace = "Bakı", StartDate = start, Term = "indefinite",
    WeeklyHours = "40", MonthlyWage = "800", ContractKind = ContractKinds.Main,
};

// Distinct valid FINs: 7 symbols of digits and Latin capitals without I and O.
static string Fin(int n)
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    var chars = new char[7];
    for (var i = 6; i >= 0; i--, n /= Alphabet.Length) chars[i] = Alphabet[n % Alphabet.Length];
    return new string(chars);
}

// Process CPU per item since `from`, in microseconds: the figure a loaded machine changes least.
static double Cpu(TimeSpan from, int items) => (Process.GetCurrentProcess().TotalProcessorTime - from).TotalMicroseconds / items;

static void Print(string mode, double perSecond, string unit, long groups, double perGroup, double cpuMicroseconds) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{mode,-52} {perSecond,10:N0} {unit,-16} {groups,7} commit groups, {perGroup,7:N1} per group, {cpuMicroseconds,6:N0} µs CPU each"));

/// <summary>Uses are not the bench's subject: counted nowhere.</summary>
internal sealed class NoCounter : IEServiceCounter
{
    public void Count(string eService, EServiceChannel channel) { }
}
