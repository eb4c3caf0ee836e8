using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Mocks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

/// <summary>
/// Section 8: one agency call in one process, the hub's way (the adapter: Refit, the resilience pipeline, the budget and
/// credentials handlers, JSON into the wire records, mapping) against a bare <see cref="HttpClient"/> reading the same
/// bodies. The stub agencies answer once, to record their bodies; then both ways are answered from memory by the same
/// handler, one call at a time, so what is measured is the caller's own CPU and allocation per call, not the network's
/// or the stubs'.
/// </summary>
internal static class AgencyCalls
{
    public static async Task RunAsync(MockCountry country, Options o)
    {
        Console.WriteLine($"\n## 8. Per agency call, in one process: the adapter against a bare HttpClient reading the same recorded bodies, one call at a time, {o.Seconds} s each  (load average {PerformanceBenchmark.LoadAverage()})");
        using var bodies = new RecordedBodies();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(country.HubConfiguration().Append(new("Agencies:Defaults:MaxConcurrentCalls", "1024")))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAgencyAdapters(configuration);
        // Every agency client ends in the recording handler (after the adapters' own primary-handler settings).
        services.ConfigureAll<HttpClientFactoryOptions>(f => f.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = bodies));
        await using var provider = services.BuildServiceProvider();
        var adapters = provider.GetServices<IAgencyAdapter>().ToList();
        var query = AgencyQuery.For(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        var everyAsk = country.Population.Households.Take(10).SelectMany(h => h.Members).Select(p => Fin.Parse(p.Fin))
            .SelectMany(fin => adapters.Select(a => (Adapter: a, Fin: fin))).ToList();

        // An ask the stubs did not answer in time (a loaded machine) is left out: its bodies are not all recorded.
        var asks = new List<(IAgencyAdapter Adapter, Fin Fin)>();
        foreach (var ask in everyAsk)
        {
            try
            {
                await ask.Adapter.Accept(new Fetch(ask.Fin, query));
                asks.Add(ask);
            }
#pragma warning disable CA1031 // Whatever failed the ask while recording, it is left out of the measurement.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
        bodies.Replaying = true;
        var urls = bodies.Urls;
        Console.WriteLine($"{asks.Count} asks of {adapters.Count} agencies about {everyAsk.Count / adapters.Count} people ({everyAsk.Count - asks.Count} not answered while recording, left out): "
            + $"{urls.Count} calls recorded, {bodies.NotFound} of them 404 (a person the agency holds nothing about), {bodies.AverageBodyBytes / 1024.0:F1} KB per body on average");

        using var bare = new HttpClient(bodies, disposeHandler: false);
        var hub = await MeasureAsync(o.Seconds, bodies, async i =>
        {
            var (adapter, fin) = asks[i % asks.Count];
            await adapter.Accept(new Fetch(fin, query));
        });
        var plain = await MeasureAsync(o.Seconds, bodies, async i =>
        {
            using var response = await bare.GetAsync(urls[i % urls.Count]);
            _ = await response.Content.ReadAsByteArrayAsync();
        });
        Console.WriteLine("who                              | calls/s | CPU µs/call | KB/call");
        Console.WriteLine($"adapter (Refit, resilience, JSON) | {hub.PerSecond,7:F0} | {hub.CpuUsPerCall,11:F1} | {hub.KbPerCall,7:F1}");
        Console.WriteLine($"bare HttpClient, body as bytes    | {plain.PerSecond,7:F0} | {plain.CpuUsPerCall,11:F1} | {plain.KbPerCall,7:F1}");
        var beyond = hub.KbPerCall - plain.KbPerCall;
        Console.WriteLine($"the adapter beyond the bare client: {hub.CpuUsPerCall - plain.CpuUsPerCall:F1} µs and {beyond:F1} KB per call; target ≤ 60 µs per call: {(hub.CpuUsPerCall <= 60 ? "met" : "MISSED")}, ≤ 4 KB beyond the body: {(beyond <= 4 ? "met" : "MISSED")}");
    }

    private sealed record Cost(double PerSecond, double CpuUsPerCall, double KbPerCall);

    private static async Task<Cost> MeasureAsync(double seconds, RecordedBodies bodies, Func<int, Task> call)
    {
        for (var i = 0; i < 500; i++) await call(i);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpu = self.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var calls = bodies.Answered;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed.TotalSeconds < seconds; i++) await call(i);
        var elapsed = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var made = Math.Max(1, bodies.Answered - calls);
        return new Cost(made / elapsed, (self.TotalProcessorTime - cpu).TotalMicroseconds / made, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1024.0 / made);
    }

    private sealed class Fetch(Fin fin, AgencyQuery query) : IAgencyVisitor<Task>
    {
        public Task Visit<T>(IAgencyAdapter<T> adapter) where T : class => adapter.FetchAsync(fin, query, CancellationToken.None);
    }

    /// <summary>Forwards to the stubs while recording; then answers every request it recorded from memory.</summary>
    private sealed class RecordedBodies : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _network = new(new SocketsHttpHandler());
        private readonly ConcurrentDictionary<string, (HttpStatusCode Status, string? MediaType, byte[] Body)> _answers = new(StringComparer.Ordinal);
        private long _answered;

        public bool Replaying { get; set; }

        public long Answered => Interlocked.Read(ref _answered);

        public List<string> Urls => [.. _answers.Keys.Order(StringComparer.Ordinal)];

        public double AverageBodyBytes => _answers.Values.Average(a => a.Body.Length);

        public int NotFound => _answers.Values.Count(a => a.Status == HttpStatusCode.NotFound);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.AbsoluteUri;
            if (!Replaying)
            {
                using var answer = await _network.SendAsync(request, cancellationToken);
                var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
                _answers[url] = (answer.StatusCode, answer.Content.Headers.ContentType?.MediaType, body);
            }
            if (!_answers.TryGetValue(url, out var recorded)) throw new InvalidOperationException($"not recorded: {url}");
            Interlocked.Increment(ref _answered);
            var content = new ByteArrayContent(recorded.Body);
            if (recorded.MediaType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(recorded.MediaType);
            return new HttpResponseMessage(recorded.Status) { Content = content, RequestMessage = request };
        }

        // Shared by every client: the client factory's handler rotation must not dispose it.
        protected override void Dispose(bool disposing)
        {
            if (disposing && Replaying) _network.Dispose();
        }
    }
}
