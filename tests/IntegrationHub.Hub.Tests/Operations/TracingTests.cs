using MassTransit;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace IntegrationHub.Hub.Tests.Operations;

/// <summary>One trace follows a profile request from the subsystem's send, through the hub's consumer, to every agency call.</summary>
public sealed class TracingTests
{
    private static readonly ActivitySource Subsystem = new("IntegrationHub.Tests.Subsystem");

    [Fact]
    public async Task ARequestOverTheBus_IsOneTrace_FromTheSubsystemToEveryAgencyCall()
    {
        var exported = new List<Activity>();
        await using var hub = new HubFactory(HubFactory.EveryDataSet(new Dictionary<string, string?>(AgencyBudgets.Unhurried()) { ["Telemetry:Tracing"] = "true" }), households: 40);
        var factory = hub.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(Subsystem.Name).AddInMemoryExporter(exported))));
        var bus = factory.Services.GetRequiredService<IBus>();
        var applicant = hub.Country.Population.Households[2].Head.Fin;

        ActivityTraceId traceId;
        using (var root = Subsystem.StartActivity("assistance: ask for a profile"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            var client = bus.CreateRequestClient<GetHouseholdProfile>();
            await client.GetResponse<HouseholdProfileResult>(
                new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "TRACE-1", "assistance"),
                TestContext.Current.CancellationToken);
        }
        // A span is exported when it ends; give the last agency calls a moment on a loaded machine.
        var trace = await Poll.ReadUntilAsync(
            () =>
            {
                factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
                lock (exported) return Task.FromResult(exported.Where(a => a.TraceId == traceId).ToList());
            },
            t => t.Where(a => a.Kind == ActivityKind.Client).Select(a => a.GetTagItem("server.port")).Distinct().Count() >= 14,
            TimeSpan.FromSeconds(10));
        Assert.Contains(trace, a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer);
        var agencyCalls = trace.Where(a => a.Kind == ActivityKind.Client && a.Source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal)).ToList();
        var hosts = agencyCalls.Select(a => a.GetTagItem("server.port")).Distinct().Count();
        Assert.True(hosts >= 14, $"the trace reaches {hosts} agency servers, not all 14");

        // No FIN of the household in any tag of the trace.
        var fins = hub.Country.Population.Households[2].Members.Select(m => m.Fin).ToList();
        var tags = trace.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "").Concat(trace.Select(a => a.DisplayName)).ToList();
        Assert.All(fins, fin => Assert.DoesNotContain(tags, t => t.Contains(fin, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("true", null, true)]
    [InlineData(null, "http://127.0.0.1:4317", true)]
    public async Task Tracing_OnlyWhenSomeoneReadsTheSpans(string? tracing, string? otlpEndpoint, bool traced)
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Telemetry:Tracing"] = tracing, ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint });

        Assert.Equal(traced, hub.Services.GetService<TracerProvider>() is not null);
    }

    [Fact]
    public async Task Tracing_SettingNotABoolean_RefusesStartNamingTheSetting()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Telemetry:Tracing"] = "yes" });

        var error = Assert.ThrowsAny<Exception>(() => hub.Services);

        Assert.Contains("Telemetry:Tracing", error.ToString(), StringComparison.Ordinal);
    }
}
