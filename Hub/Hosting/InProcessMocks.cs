using IntegrationHub.Mocks;
using IntegrationHub.Mocks.Admin;
using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// The default mode: the whole mock country runs inside the hub process, so one <c>dotnet run</c> serves real
/// profiles. Compiled only into builds that carry the mock country (<c>InProcessMocks=true</c>: Debug, as
/// <c>dotnet run</c> and the tests build); a Release build, as <c>dotnet publish</c> makes, has
/// <c>InProcessMocks.Absent.cs</c> in its place and no WireMock (Hub/IntegrationHub.Hub.csproj).
/// </summary>
public sealed partial class InProcessMocks
{
    /// <summary>This build carries the mock country.</summary>
    public const bool Available = true;

    private readonly MockCountry _country;

    private InProcessMocks(MockCountry country) => _country = country;

    /// <summary>
    /// With <c>Mocks:InProcess=true</c>, starts the mock country and points every agency without an address of its
    /// own at it (before the adapters read their settings); null otherwise.
    /// </summary>
    public static InProcessMocks? Start(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = InProcessMocksOptions.Read(builder.Configuration);
        if (!settings.InProcess) return null;

        var country = MockCountry.Start(new MockCountryOptions(settings.Seed, Households: settings.Households,
            LifeEventsEvery: settings.LifeEventsEvery > TimeSpan.Zero ? settings.LifeEventsEvery : null));
        // Explicit agency addresses in configuration win over the mocks' (a tester may point one agency elsewhere).
        var missing = country.HubConfiguration().Where(kv => string.IsNullOrEmpty(builder.Configuration[kv.Key])).ToList();
        builder.Configuration.AddInMemoryCollection(missing);
        builder.Services.AddSingleton(country);
        if (settings.HistoryMonths is < 0 or > 60) throw new InvalidOperationException($"{InProcessMocksOptions.SectionName}:HistoryMonths must be 0 to 60.");
        if (settings.HistoryMonths > 0)
        {
            builder.Services.AddHostedService(sp => new UsageHistory(sp.GetRequiredService<IUsageStore>(), sp.GetRequiredService<IOptions<StatisticsOptions>>(),
                sp.GetRequiredService<TimeProvider>(), settings.HistoryMonths, settings.Seed, sp.GetRequiredService<ILogger<UsageHistory>>()));
        }
        return new InProcessMocks(country);
    }

    /// <summary>
    /// Maps <c>GET /mocks/samples</c> (sample citizens to try), the fault switchboard <c>/mocks/faults</c> and the life
    /// events <c>/mocks/life-events</c> for testers only (the samples are people's data, if synthetic; a fault set stops
    /// the country; a death is a death), connects the mock agencies' events to this hub, and logs where to send a first request.
    /// </summary>
    public void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var country = _country;

        app.MapGet("/mocks/samples", () => TypedResults.Ok(country.Population.Samples()))
            .WithTags("Mock country")
            .WithName("GetMockSamples")
            .WithSummary("Sample citizens of the synthetic population, one per household kind, with what is notable about each")
            .RequireSystem(CallerRoles.Tester);
        app.MapMockFaults(country).RequireSystem(CallerRoles.Tester);
        app.MapMockLifeEvents(country).RequireSystem(CallerRoles.Tester);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            // The mock agencies send their signed events to this hub's own door, over loopback as an agency would.
            country.Events.Connect(new HttpClient { BaseAddress = new Uri(Loopback(address)) });
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Hub.Mocks");
            LogReady(logger, country.Agencies.Count, country.Population.ByFin.Count, address);
        });
    }

    /// <summary>A listening address as a client reaches it: a wildcard host (*, +, 0.0.0.0, [::]) is this machine.</summary>
    private static string Loopback(string address)
    {
        var uri = new UriBuilder(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "localhost";
        return uri.Uri.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mock country in-process: {Agencies} agencies over {People} synthetic people. Sample citizens: GET {Address}/mocks/samples (X-Api-Key: dev-tester-key); first profile: POST {Address}/api/v1/profiles (README shows the curl); API reference: {Address}/scalar")]
    private static partial void LogReady(ILogger logger, int agencies, int people, string address);
}
