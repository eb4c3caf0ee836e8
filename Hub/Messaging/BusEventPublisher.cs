using IntegrationHub.Hub.Engine.Events;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// The engine's events on this process's bus. A publish caught by a broker restart may never be confirmed, so the
/// wait is bounded by <see cref="MessagingOptions.SendTimeout"/> (then it throws, and the engine logs the event as lost).
/// </summary>
public sealed class BusEventPublisher(IBus bus, IOptions<MessagingOptions> options, TimeProvider time) : IEventPublisher
{
    public async Task PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(message);
        using var bound = new CancellationTokenSource(options.Value.SendTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, cancellationToken);
        await bus.Publish(message, linked.Token).WaitAsync(linked.Token);
    }
}
