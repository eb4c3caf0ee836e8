using IntegrationHub.Contracts.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Employment.Events;

/// <summary>
/// The outbox's sender: events a durable write queued (a contract started or ended) are published on the bus as
/// <see cref="EmploymentContractChanged"/> once on disk, then removed. Woken after each write and every
/// <see cref="EmploymentOptions.EventDispatchInterval"/>; an event whose publish failed stays and goes out on the next
/// pass (at least once: a subscriber keys on FIN, kind and date).
/// </summary>
public sealed partial class EventDispatcher(
    IEmploymentStore store, IServiceScopeFactory scopes, EventSignal signal, IOptions<EmploymentOptions> options, TimeProvider time, ILogger<EventDispatcher> logger)
    : BackgroundService
{
    private const int Batch = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchOnceAsync(stoppingToken) == Batch)
                {
                    // A full batch: more are waiting.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try
            {
                await signal.WaitAsync(options.Value.EventDispatchInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes one batch of waiting writes' events; returns how many writes it took.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var pending = store.UnpublishedEvents(Batch);
        if (pending.Count == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var messages = pending.SelectMany(p => p.Events).Select(e => new EmploymentContractChanged(e.Fin, e.Kind, e.Date, Registrar.EventSource)).ToList();
        await bus.PublishBatch(messages, cancellationToken);
        await store.MarkPublishedAsync(pending.Select(p => p.Id).ToList(), time.GetUtcNow(), cancellationToken);
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the employment registry's events failed; they stay in the outbox and are sent again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
