using System.Diagnostics;
using System.Globalization;
using IntegrationHub.ContactCentre;
using IntegrationHub.ContactCentre.Calls;
using IntegrationHub.ContactCentre.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Calls registered per second through the module's CallDesk (the path of POST /calls after validation): each call
// numbered, its caller's earlier calls counted, stored on the embedded store with group commit and fsync before the
// answer, and queued on the live board. 1, 8, 64 and 256 lines at once; 64 is the issue's figure (goal >= 2,000/s).
// Usage: dotnet run -c Release --project bench/ContactCentre [calls per run, default 20000]
var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var root = Path.Combine(Path.GetTempPath(), "contact-centre-bench-" + Guid.NewGuid().ToString("N"));
Console.WriteLine($"Machine: {Environment.ProcessorCount} CPUs, {Cpu()}; load average {Load()}; .NET {Environment.Version}");
Console.WriteLine($"{calls} calls per run (one caller in 10 calls twice); files under {root}");
Console.WriteLine($"{"lines at once",-14} {"calls/s",10} {"groups",8} {"calls/group",12} {"p50 ms",8} {"p99 ms",8}");

try
{
    foreach (var lines in new[] { 1, 8, 64, 256 })
    {
        var directory = Path.Combine(root, "lines-" + lines);
        Directory.CreateDirectory(directory);
        using var store = new LiteCallStore(Path.Combine(directory, LiteCallStore.FileName));
        var board = new LiveBoard();
        var desk = new CallDesk(store, board, Options.Create(new ContactCentreOptions()), TimeProvider.System, NullLogger<CallDesk>.Instance);
        await desk.RegisterAsync("warm-up", Number(0), Topics.All[0], CancellationToken.None); // open the file and JIT before timing
        var before = store.WriteCounters;
        var latencies = new double[calls];
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, lines).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= calls)
            {
                var started = Stopwatch.GetTimestamp();
                var (_, created, problem) = await desk.RegisterAsync($"pbx-{i}", Number(i % 10 == 0 ? i / 10 : i), Topics.All[i % Topics.All.Count], CancellationToken.None);
                if (!created || problem is not null) throw new InvalidOperationException($"call {i} not registered");
                latencies[i - 1] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        clock.Stop();
        if (store.CallCount() != calls + 1) throw new InvalidOperationException($"{store.CallCount()} calls stored, {calls + 1} registered");
        var groups = store.WriteCounters.Groups - before.Groups;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{lines,-14} {calls / clock.Elapsed.TotalSeconds,10:N0} {groups,8} {(double)calls / groups,12:N1} {latencies[calls / 2],8:N1} {latencies[calls * 99 / 100],8:N1}"));
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

static CallerNumber Number(int n) =>
    CallerNumber.TryParse("+99450" + (1_000_000 + n).ToString(CultureInfo.InvariantCulture), out var number, out var error) ? number : throw new InvalidOperationException(error);

static string Cpu() =>
    File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?";

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
