using IntegrationHub.Mocks;
using IntegrationHub.Mocks.Admin;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Hub.Hosting;

/// <summary>Settings of the in-process mock country (section <c>Mocks</c>).</summary>
public sealed class InProcessMocksOptions
{
    public const string SectionName = "Mocks";

    /// <summary>Start every agency's mock inside the hub and point the adapters at them (the default mode).</summary>
    public bool InProcess { get; set; }

    public int Seed { get; set; } = 2026;

    public int Households { get; set; } = 1200;
}

/// <summary>The default mode: the whole mock country runs inside the hub process, so one <c>dotnet run</c> serves real profiles.</summary>
public static partial class InProcessMocks
{
    public static WebApplicationBuilder AddInProcessMocks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(InProcessMocksOptions.SectionName).Get<InProcessMocksOptions>() ?? new();
        if (!settings.InProcess) return builder;

        var country = MockCountry.Start(new MockCountryOptions(settings.Seed, Households: settings.Households));
        // Explicit agency addresses in configuration win over the mocks' (a tester may point one agency elsewhere).
        var missing = country.HubConfiguration().Where(kv => string.IsNullOrEmpty(builder.Configuration[kv.Key])).ToList();
        builder.Configuration.AddInMemoryCollection(missing);
        builder.Services.AddSingleton(country);
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /mocks/samples</c> (sample citizens to try) and the fault switchboard <c>/mocks/faults</c> for
    /// testers only (the samples are people's data, if synthetic; a fault set stops the country), and logs where to
    /// send a first request.
    /// </summary>
    public static WebApplication MapInProcessMocks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<MockCountry>() is not { } country) return app;

        app.MapGet("/mocks/samples", () => TypedResults.Ok(country.Population.Samples()))
            .WithTags("Mock country")
            .WithName("GetMockSamples")
            .WithSummary("Sample citizens of the synthetic population, one per household kind, with what is notable about each")
            .RequireSystem(CallerRoles.Tester);
        app.MapMockFaults(country).RequireSystem(CallerRoles.Tester);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Hub.Mocks");
            LogReady(logger, country.Agencies.Count, country.Population.ByFin.Count, address);
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mock country in-process: {Agencies} agencies over {People} synthetic people. Sample citizens: GET {Address}/mocks/samples (X-Api-Key: dev-tester-key); first profile: POST {Address}/api/v1/profiles (README shows the curl); API reference: {Address}/scalar")]
    private static partial void LogReady(ILogger logger, int agencies, int people, string address);
}
