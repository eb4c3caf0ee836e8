using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

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
            b.ConfigureTestServices(s =>
            {
                ShapeAgencies(s, agencies);
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
    /// Keeps the first <paramref name="count"/> agencies (population and civil registry always among them) and,
    /// beyond 14, adds copies of the phase-two agencies under new keys: same adapter, same stub, a call of its own.
    /// </summary>
    private static void ShapeAgencies(IServiceCollection services, int count)
    {
        var originals = services.Where(d => d.ServiceType == typeof(IAgencyAdapter)).ToList();
        foreach (var d in originals) services.Remove(d);
        for (var i = 0; i < Math.Min(count, originals.Count); i++) services.Add(originals[i]);
        // Fewer agencies than the policy names: the policy is cut to the data sets left, as an operator would
        // write it for such a hub (the hub refuses to start with a policy naming an agency it does not have).
        services.AddOptions<IntegrationHub.Hub.Engine.Access.AccessPolicyOptions>().PostConfigure<IEnumerable<IAgencyAdapter>>((policy, adapters) =>
        {
            var kept = adapters.Select(a => a.Agency.DataSet).ToHashSet(StringComparer.Ordinal);
            foreach (var purposes in policy.Subsystems.Values)
            {
                foreach (var purpose in purposes.Values)
                {
                    purpose.Applicant.RemoveAll(d => !kept.Contains(d));
                    purpose.Members.RemoveAll(d => !kept.Contains(d));
                }
            }
        });
        // A copy calls through its original's client; its own settings (the agency defaults) only need to validate.
        services.PostConfigureAll<AgencyOptions>(o => o.BaseAddress ??= new Uri("http://127.0.0.1/copy-calls-through-its-original"));
        var phaseTwo = originals.Skip(2).ToList();
        for (var j = 0; j < count - originals.Count; j++)
        {
            var source = phaseTwo[j % phaseTwo.Count];
            var copy = j / phaseTwo.Count + 1;
            services.AddSingleton<IAgencyAdapter>(sp => new CopiedAdapter(Resolve(source, sp), copy));
        }
    }

    private static IAgencyAdapter Resolve(ServiceDescriptor d, IServiceProvider sp) =>
        (IAgencyAdapter)(d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    private sealed class CopiedAdapter(IAgencyAdapter inner, int copy) : IAgencyAdapter
    {
        public AgencyDescriptor Agency { get; } = inner.Agency with { Key = $"{inner.Agency.Key}-copy{copy}", Name = $"{inner.Agency.Name} (copy {copy})" };

        public Type DataType => inner.DataType;

        public Task<object?> FetchAsync(Fin fin, AgencyQuery query, CancellationToken cancellationToken) => inner.FetchAsync(fin, query, cancellationToken);

        public MemberProfile Apply(MemberProfile member, SourceStatus status, object? data, Provenance? provenance, string? detail) =>
            inner.Apply(member, status, data, provenance, detail);
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
