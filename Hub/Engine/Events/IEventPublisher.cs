namespace IntegrationHub.Hub.Engine.Events;

/// <summary>
/// Where the engine's events go: Contracts messages without personal data (<c>HouseholdProfileAssembled</c>,
/// <c>AuditCheckpointSigned</c>). The host publishes them on its bus; the engine knows no bus. An implementation
/// bounds its own wait (a publish caught by a broker restart may never be confirmed) and throws when the event
/// was not handed over, so a caller that treats events as best effort catches and logs.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken) where TEvent : class;
}
