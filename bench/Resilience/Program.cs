using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using IntegrationHub.Mocks;
using IntegrationHub.Mocks.Agencies;
using IntegrationHub.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

// Profile latency with all agencies healthy, one slow, one down; cached against uncached throughput.
//   dotnet run -c Release --project bench/Resilience [-- --requests N --seconds S --concurrency C]
//   dotnet run -c Release --project bench/Resilience -- --cache [--hits N --misses N]   (the agency cache against FusionCache)
// The hub runs in-process (TestServer: no network between client and hub); the agencies are the WireMock
// mocks on loopback, as in the default mode.
namespace IntegrationHub.Bench.Resilience;

internal static class Program
{
    public static async Task Main(string[] args)
    {
        var requests = Arg(args, "--requests", 200);
        var seconds = Arg(args, "--seconds", 10);
        var concurrency = Arg(args, "--concurrency", 8);
        if (args.Contains("--cache"))
        {
            // Issue 14 item 6: the hand-written agency cache against FusionCache, per operation, nothing else.
            await CacheComparison.RunAsync(Arg(args, "--hits", 1_000_000), Arg(args, "--misses", 100_000));
            return;
        }
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {requests} sequential requests per latency scenario, {seconds} s x {concurrency} clients per throughput scenario");

        using var country = MockCountry.Start(new MockCountryOptions(Households: 1200));
        var applicants = country.Population.Samples(5).Select(s => s.Fin).ToArray();

        Console.WriteLine();
        Console.WriteLine($"{"scenario",-34} {"p50 ms",8} {"p99 ms",8} {"complete",9}");
        await using (var hub = new Hub(country, cache: false))
        {
            await hub.LatencyAsync("all healthy", applicants, requests);
            country["tax"].Inject(new FaultPlan(FaultKind.Slow, DelayMs: 300));
            await hub.LatencyAsync("tax slow (+300 ms)", applicants, requests);
            country["tax"].Inject(new FaultPlan(FaultKind.Slow, DelayMs: 10_000));
            await hub.LatencyAsync("tax hanging (deadline 2 s)", applicants, Math.Max(requests / 10, 10));
            country["tax"].Inject(new FaultPlan(FaultKind.Down));
            await hub.LatencyAsync("tax down (connection refused)", applicants, requests);
            country.HealAll();
        }

        Console.WriteLine();
        Console.WriteLine($"{"throughput",-34} {"req/s",8} {"p50 ms",8} {"p99 ms",8}");
        await using (var hub = new Hub(country, cache: false))
        {
            await hub.ThroughputAsync("uncached", applicants, seconds, concurrency);
        }
        await using (var hub = new Hub(country, cache: true))
        {
            foreach (var fin in applicants) await hub.ProfileAsync(fin); // fill the cache
            await hub.ThroughputAsync("cached (every answer fresh)", applicants, seconds, concurrency);
        }
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private sealed class Hub(MockCountry country, bool cache) : WebApplicationFactory<global::Program>
    {
        private readonly string _data = Directory.CreateTempSubdirectory("bench-resilience-").FullName;
        private ServicesDisposed? _servicesDisposed;
        private HttpClient? _client;

        private HttpClient Client => _client ??= CreateAssistanceClient();

        private HttpClient CreateAssistanceClient()
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSolutionRelativeContentRoot("Hub");
            builder.UseEnvironment("Production");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Polly", "None");
            builder.UseSetting("Logging:LogLevel:IntegrationHub", "Warning");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            builder.UseSetting("Mocks:InProcess", "false");
            // Production's code paths with the development keys: a test deployment, said so.
            builder.UseSetting("Trust:AllowUnsafeTestDeployment", "true");
            builder.UseSetting("Aggregation:Deadline", "00:00:02");
            builder.UseSetting("Cache:Enabled", cache ? "true" : "false");
            builder.UseSetting("Storage:DataDirectory", _data);
            builder.UseSetting("Agencies:Defaults:BreakerMinimumThroughput", "100000");
            foreach (var (key, value) in country.HubConfiguration()) builder.UseSetting(key, value);
            builder.ConfigureServices(services => _servicesDisposed = ServicesDisposed.AddTo(services));
        }

        public async Task<bool> ProfileAsync(string fin)
        {
            using var response = await Client.PostAsJsonAsync("/api/v1/profiles", new { applicant = fin, purpose = "targeted-social-assistance", caseNumber = "BENCH-1" });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync();
            return body.Contains("\"complete\":true", StringComparison.Ordinal);
        }

        public async Task LatencyAsync(string name, string[] applicants, int n)
        {
            for (var i = 0; i < 10; i++) await ProfileAsync(applicants[i % applicants.Length]); // warm-up
            var times = new List<double>(n);
            var complete = 0;
            for (var i = 0; i < n; i++)
            {
                var clock = Stopwatch.StartNew();
                if (await ProfileAsync(applicants[i % applicants.Length])) complete++;
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{name,-34} {P(times, 0.50),8:F1} {P(times, 0.99),8:F1} {complete,4}/{n,-4}");
        }

        public async Task ThroughputAsync(string name, string[] applicants, int seconds, int concurrency)
        {
            for (var i = 0; i < 10; i++) await ProfileAsync(applicants[i % applicants.Length]);
            var times = new System.Collections.Concurrent.ConcurrentBag<double>();
            var stop = Stopwatch.StartNew();
            var until = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async c =>
            {
                for (var i = c; stop.Elapsed < until; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await ProfileAsync(applicants[i % applicants.Length]);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }));
            var sorted = times.Order().ToList();
            Console.WriteLine($"{name,-34} {sorted.Count / stop.Elapsed.TotalSeconds,8:F0} {P(sorted, 0.50),8:F1} {P(sorted, 0.99),8:F1}");
        }

        private static double P(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

        public override async ValueTask DisposeAsync()
        {
            _client?.Dispose();
            await base.DisposeAsync();
            // The audit's indexer reads the data directory until Program's app.Run() has disposed the services.
            if (_servicesDisposed is not null) await _servicesDisposed.WaitAsync($"the bench hub (its data directory {_data} is left)", TimeSpan.FromSeconds(30));
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
