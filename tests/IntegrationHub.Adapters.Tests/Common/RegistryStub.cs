using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>
/// A registry as a real HTTP server: Kestrel on 127.0.0.1, a port of its own, the routes a test maps. Written from the
/// agency documents, independent of Mocks/, so a wrong DTO in an adapter fails instead of being mirrored.
/// </summary>
internal sealed class RegistryStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryStub(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The stub's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request received, as <c>METHOD /path?query</c>, in order of arrival.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Starts a stub with <paramref name="map"/>'s routes; <paramref name="https"/> makes it an https server (with its certificate, and any client-certificate demand).</summary>
    public static async Task<RegistryStub> StartAsync(Action<WebApplication> map, Action<HttpsConnectionAdapterOptions>? https = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https is not null) listen.UseHttps(https);
        }));
        var app = builder.Build();
        RegistryStub? stub = null;
        app.Use((context, next) =>
        {
            stub!.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            return next(context);
        });
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub = new RegistryStub(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return stub;
    }

    /// <summary>A JSON answer exactly as written (the document's text, not a serialized object).</summary>
    public static IResult Json(string body, int status = 200) =>
        Results.Text(body, "application/json; charset=utf-8", statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Proof that an adapter makes its calls at once: each handler waits for all <paramref name="calls"/> to have arrived
/// before answering. Calls made one after another would each wait in vain; <see cref="AtOnce"/> then stays false.
/// </summary>
internal sealed class Rendezvous(int calls)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;
    private int _late;

    /// <summary>True when every call arrived while the others were still open.</summary>
    public bool AtOnce => Volatile.Read(ref _arrived) >= calls && Volatile.Read(ref _late) == 0;

    /// <summary>Called by a handler before it answers: waits (at most two seconds) for the other calls.</summary>
    public async Task ArriveAsync()
    {
        if (Interlocked.Increment(ref _arrived) >= calls) _all.TrySetResult();
        if (await Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromSeconds(2))) != _all.Task) Interlocked.Increment(ref _late);
    }
}
