using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Tests.Shared;

/// <summary>
/// Tells when a host's services are disposed. Disposing a <c>WebApplicationFactory</c> stops the host, but Program's
/// <c>app.Run()</c> disposes the services on the entry point's own thread a moment later: until then the stores are
/// open and the audit's indexer still reads the data directory. A test that reopens the files, or a bench that deletes
/// the directory, waits for this first.
/// </summary>
/// <remarks>Registered as the host's first service (<see cref="AddTo"/>), so the container disposes it last.</remarks>
public sealed class ServicesDisposed : IHostedService, IDisposable
{
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _created;

    /// <summary>Registers a marker as the first service of the host that <paramref name="services"/> builds.</summary>
    public static ServicesDisposed AddTo(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var marker = new ServicesDisposed();
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(_ =>
        {
            marker._created = true;
            return marker;
        }));
        return marker;
    }

    /// <summary>
    /// Returns once the host's services are disposed, at once for a host that never created them; throws, naming
    /// <paramref name="host"/>, when they are not disposed within <paramref name="limit"/>.
    /// </summary>
    public async Task WaitAsync(string host, TimeSpan limit)
    {
        if (!_created) return;
        try
        {
            await _disposed.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{host}: the services were not disposed within {limit} of the host's stop.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _disposed.TrySetResult();
}
