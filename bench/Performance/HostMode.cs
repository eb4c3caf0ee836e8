using System.Collections.Concurrent;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Hub.Engine.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

/// <summary>
/// The child process: the hub on a real Kestrel socket (WebApplicationFactory.UseKestrel, so the bench can
/// shape the agency list), answering commands on stdin (stats, gc, record, drain, exit). Its own process,
/// so its CPU time, allocations and RSS are the hub's alone.
/// </summary>
internal static class HostMode
{
    public static async Task RunAsync(string[] args)
    {
        var agencies = 14;
        var settings = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--agencies") agencies = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--set")
            {
                var kv = args[++i];
                var eq = kv.IndexOf('=', StringComparison.Ordinal);
                settings.Add(new(kv[..eq], kv[(eq + 1)..]));
            }
        }
        var recorder = new CallRecorder();
        var dataDir = Path.Combine(Path.GetTempPath(), "ih-bench-perf-" + Guid.NewGuid().ToString("N"));
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Benchmark");
            b.UseSolutionRelativeContentRoot("Hub");
            b.UseSetting("Urls", "http://127.0.0.1:0");
            b.UseSetting("Mocks:InProcess", "false");
            b.UseSetting("Storage:DataDirectory", dataDir);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Roles", "hub");
            // A benchmark with the development keys: a test deployment, said so.
            b.UseSetting("Trust:AllowUnsafeTestDeployment", "true");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureServices((context, s) => AddCopies(s, context.Configuration, agencies));
            b.ConfigureTestServices(s =>
            {
                KeepFirst(s, agencies);
                s.ConfigureAll<HttpClientFactoryOptions>(o =>
                    o.HttpMessageHandlerBuilderActions.Add(h => h.AdditionalHandlers.Add(new RecordingHandler(recorder))));
            });
        });
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine("URL " + address);

        string? line;
        while ((line = await Console.In.ReadLineAsync()) is not null)
        {
            switch (line.Trim())
            {
                case "stats":
                    Console.WriteLine("STATS " + JsonSerializer.Serialize(HostStats.Take()));
                    break;
                case "gc":
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    Console.WriteLine("STATS " + JsonSerializer.Serialize(HostStats.Take()));
                    break;
                case "record on":
                    recorder.Enabled = true;
                    Console.WriteLine("OK");
                    break;
                case "record off":
                    recorder.Enabled = false;
                    Console.WriteLine("OK");
                    break;
                case "drain":
                    while (recorder.Calls.TryDequeue(out var call))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CALL {call.Start} {call.End} {call.Url}"));
                    }
                    Console.WriteLine("END");
                    break;
                case "exit":
                    line = null;
                    break;
            }
            if (line is null) break;
        }
        await factory.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Keeps the first <paramref name="count"/> agencies of the catalog (population and civil registry always among
    /// them); a policy naming data sets left out is cut to the ones left, as an operator would write it for such a hub
    /// (the hub refuses to start with a policy naming an agency it does not have).
    /// </summary>
    private static void KeepFirst(IServiceCollection services, int count)
    {
        var registered = services.Where(d => d.ServiceType == typeof(IAgencyAdapter) && !d.IsKeyedService).ToList();
        foreach (var d in registered.Skip(count)) services.Remove(d);
        services.AddOptions<AccessPolicyOptions>().PostConfigure<IEnumerable<IAgencyAdapter>>((policy, adapters) =>
        {
            var kept = adapters.Select(a => a.Agency.DataSet).ToHashSet(StringComparer.Ordinal);
            foreach (var purpose in policy.Subsystems.Values.SelectMany(p => p.Values))
            {
                purpose.Applicant.RemoveAll(d => !kept.Contains(d));
                purpose.Members.RemoveAll(d => !kept.Contains(d));
            }
        });
    }

    /// <summary>
    /// Beyond the catalog's agencies, copies of the phase-two agencies under new keys, registered as every agency is
    /// (<see cref="AgencyDefinition.As"/>): same adapter, the original's stub, a client and a call of their own; the
    /// policy lets each purpose see a copy's data set wherever it sees the original's.
    /// </summary>
    private static void AddCopies(IServiceCollection services, IConfiguration configuration, int count)
    {
        var phaseTwo = AgencyCatalog.All.Skip(2).ToList();
        var copies = new List<(string Original, AgencyDefinition Copy)>();
        for (var j = 0; j < count - AgencyCatalog.All.Count; j++)
        {
            var source = phaseTwo[j % phaseTwo.Count].Agency;
            var n = j / phaseTwo.Count + 1;
            var copy = AgencyCatalog.Get(source.Key).As($"{source.Key}-copy{n}", $"{source.Name} (copy {n})", $"{source.DataSet}-copy{n}");
            copies.Add((source.Key, copy));
            services.AddAgency(copy, configuration);
            // The original's address from configuration: asking IOptionsMonitor<AgencyOptions> here would need the monitor
            // being built (its post-configurations include this one), a cycle that deadlocks the host's start.
            var address = configuration[$"Agencies:{source.Key}:BaseAddress"];
            services.AddOptions<AgencyOptions>(copy.Agency.Key).PostConfigure(o => o.BaseAddress = address is null ? null : new Uri(address));
        }
        if (copies.Count == 0) return;
        services.AddOptions<AccessPolicyOptions>().PostConfigure(policy =>
        {
            foreach (var purpose in policy.Subsystems.Values.SelectMany(p => p.Values))
            {
                foreach (var (original, copy) in copies)
                {
                    var dataSet = AgencyCatalog.Get(original).Agency.DataSet;
                    if (purpose.Applicant.Contains(dataSet)) purpose.Applicant.Add(copy.Agency.DataSet);
                    if (purpose.Members.Contains(dataSet)) purpose.Members.Add(copy.Agency.DataSet);
                }
            }
        });
    }

    internal sealed record Call(long Start, long End, string Url);

    private sealed class CallRecorder
    {
        public volatile bool Enabled;

        public ConcurrentQueue<Call> Calls { get; } = new();
    }

    /// <summary>Innermost handler: every call on the wire, with its start and end timestamps.</summary>
    private sealed class RecordingHandler(CallRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!recorder.Enabled) return await base.SendAsync(request, cancellationToken);
            var start = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken);
            recorder.Calls.Enqueue(new Call(start, Stopwatch.GetTimestamp(), request.RequestUri!.ToString()));
            return response;
        }
    }
}

/// <summary>What the hub process reports of itself.</summary>
internal sealed record HostStats(double CpuMs, long AllocatedBytes, int Gen0, int Gen1, int Gen2, long HeapBytes, long RssBytes, long PeakRssBytes, int Threads, int PoolThreads, long PoolCompleted)
{
    public static HostStats Take()
    {
        using var self = Process.GetCurrentProcess();
        return new HostStats(
            self.TotalProcessorTime.TotalMilliseconds,
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalMemory(forceFullCollection: false),
            self.WorkingSet64,
            self.PeakWorkingSet64,
            self.Threads.Count,
            ThreadPool.ThreadCount,
            ThreadPool.CompletedWorkItemCount);
    }
}
