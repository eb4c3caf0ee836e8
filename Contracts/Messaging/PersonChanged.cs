namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// Event, sent by the hub to each subsystem whose policy allows the kind (<c>Trust:LifeEvents</c>): an agency says
/// something changed about these people. Only who, what kind, when and who says so: the subsystem asks the hub for
/// what it needs (a fresh profile), which is audited as any other request. Delivered at least once: the same
/// <see cref="ChangeId"/> may come again.
/// </summary>
/// <param name="ChangeId">The hub's id of the agency's event (stable across redeliveries and operator retries).</param>
/// <param name="Kind">One of <see cref="LifeEvents.LifeEventKinds"/>.</param>
/// <param name="Fins">The person the change is about first (the child born, the person who died or moved), then anyone it ties to them (parents, spouse).</param>
/// <param name="Date">The day the change took effect, as the agency recorded it.</param>
/// <param name="Source">The agency's key (e.g. <c>population</c>), as in <c>Agencies:{key}</c>.</param>
public sealed record PersonChanged(
    Guid ChangeId,
    string Kind,
    IReadOnlyList<string> Fins,
    DateOnly Date,
    string Source);
