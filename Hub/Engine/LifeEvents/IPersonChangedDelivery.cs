namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>
/// How <see cref="PersonChanged"/> reaches one subsystem, and that one only (the host sends it to the subsystem's own
/// queue on its bus). Throws when the message was not handed over, so the event is tried again.
/// </summary>
public interface IPersonChangedDelivery
{
    Task DeliverAsync(string subsystem, PersonChanged message, CancellationToken cancellationToken);
}
