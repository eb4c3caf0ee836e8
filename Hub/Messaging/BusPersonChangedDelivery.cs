using IntegrationHub.Contracts.LifeEvents;
using IntegrationHub.Hub.Engine.LifeEvents;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// <see cref="PersonChanged"/> sent to one subsystem's own queue (<see cref="PersonChangedEndpoints"/>), not published:
/// a subsystem the policy leaves out never gets it. The wait is bounded as every send of the hub is
/// (<see cref="MessagingOptions.SendTimeout"/>); a send that is not confirmed throws and the event is tried again.
/// </summary>
public sealed class BusPersonChangedDelivery(IBus bus, IOptions<MessagingOptions> options, TimeProvider time) : IPersonChangedDelivery
{
    public async Task DeliverAsync(string subsystem, PersonChanged message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var bound = new CancellationTokenSource(options.Value.SendTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, cancellationToken);
        var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + PersonChangedEndpoints.For(subsystem))).WaitAsync(linked.Token);
        await endpoint.Send(message, linked.Token).WaitAsync(linked.Token);
    }
}
