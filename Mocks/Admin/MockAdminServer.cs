using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Mocks.Admin;

/// <summary>The mock server's admin endpoints (<see cref="MockFaultsApi"/>, <see cref="MockLifeEventsApi"/>) on their own loopback port.</summary>
public sealed class MockAdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MockAdminServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The admin base URL, e.g. <c>http://127.0.0.1:5099</c>.</summary>
    public string Url { get; }

    /// <param name="port">0 for a free port.</param>
    public static async Task<MockAdminServer> StartAsync(MockCountry country, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.UseStatusCodePages();
        app.MapMockFaults(country);
        app.MapMockLifeEvents(country);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MockAdminServer(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
