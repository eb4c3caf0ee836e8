namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>Where an accepted event stands.</summary>
public static class InboxStates
{
    /// <summary>On disk and acknowledged; not (yet) passed on. Also an event an operator retried.</summary>
    public const string Received = "received";

    /// <summary>Passed on to every subsystem the policy allows (possibly none).</summary>
    public const string Processed = "processed";

    /// <summary>A dead letter: every attempt failed (<see cref="InboxEvent.LastError"/> says why); an operator may retry it.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Received, Processed, Failed];
}

/// <summary>An agency's event as the hub keeps it: who and what changed, and where passing it on stands. No body is kept beyond this.</summary>
public sealed class InboxEvent
{
    /// <summary><c>{agency}/{event id}</c>: one event per agency and id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The hub's own id for the event, used in its API and in <c>PersonChanged</c>.</summary>
    public Guid ChangeId { get; set; }

    public string Agency { get; set; } = "";

    /// <summary>The CloudEvent's <c>id</c>, as the agency chose it.</summary>
    public string EventId { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>The person the change is about first, then the others it ties to them.</summary>
    public List<string> Fins { get; set; } = [];

    public DateOnly Date { get; set; }

    /// <summary>The CloudEvent's <c>time</c>, when given.</summary>
    public DateTimeOffset? EventTime { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>SHA-256 of what the event says (type, people, date): the same id saying something else is refused.</summary>
    public string ContentHash { get; set; } = "";

    public string State { get; set; } = InboxStates.Received;

    /// <summary>Attempts to pass it on since it was received or last retried.</summary>
    public int Attempts { get; set; }

    /// <summary>How often an operator retried it from the dead letters.</summary>
    public int Retries { get; set; }

    public string? LastError { get; set; }

    /// <summary>When the processor takes it next; null once processed or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>The subsystems told so far (an attempt that failed half-way does not tell them twice).</summary>
    public List<string> DeliveredTo { get; set; } = [];
}

/// <summary>What admitting an event did.</summary>
public enum Admission
{
    /// <summary>New: stored.</summary>
    Created,

    /// <summary>The same event again (same agency, id and content): nothing stored, the first one stands.</summary>
    Duplicate,

    /// <summary>The agency used this id before for an event saying something else: refused.</summary>
    Conflict,
}

/// <param name="Event">The stored event (the earlier one for a duplicate or a conflict).</param>
public sealed record AdmissionResult(Admission Outcome, InboxEvent Event);

/// <summary>Events per agency, kind and state, for the dashboard.</summary>
public sealed record InboxCount(string Agency, string Kind, string State, long Count);

public sealed record InboxPage(int Page, int PageSize, long Total, IReadOnlyList<InboxEvent> Items);

/// <summary>
/// The hub's durable inbox of agencies' events, whatever stores it (a LiteDB file of one hub process by default, a
/// table all hub instances share with <c>Storage:Provider=Postgres</c>): an event admitted is on disk before the agency
/// hears 202, and admitted once per agency and id.
/// </summary>
public interface ILifeEventInbox
{
    /// <summary>Stores <paramref name="candidate"/> unless its agency and id are known; completes once it is on disk.</summary>
    Task<AdmissionResult> AdmitAsync(InboxEvent candidate, CancellationToken cancellationToken);

    InboxEvent? Find(Guid changeId);

    /// <summary>
    /// Takes up to <paramref name="max"/> events in state received whose next attempt is due, oldest first: each is
    /// given to no other caller (this instance or another) until it is written (<see cref="UpdateAsync"/>) or the take
    /// lapses, its next attempt moved to <paramref name="now"/> plus the inbox's take time (so an instance that dies
    /// holding it delays it no longer than that).
    /// </summary>
    Task<IReadOnlyList<InboxEvent>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>When the next received event falls due (an event taken: when its take lapses), if any.</summary>
    DateTimeOffset? NextDue();

    /// <summary>Applies <paramref name="change"/> to the stored event (it returns false to leave it as it is); null when there is no such event.</summary>
    Task<InboxEvent?> UpdateAsync(Guid changeId, Func<InboxEvent, bool> change, CancellationToken cancellationToken);

    /// <summary>Events in <paramref name="state"/> (all when null), newest first.</summary>
    InboxPage List(string? state, int page, int pageSize);

    /// <summary>How many events there are per agency, kind and state.</summary>
    IReadOnlyList<InboxCount> Counts();
}

/// <summary>
/// The order a take gives its events in, the same on every store: the longest due first, then the first received, then
/// by id, so that events due at the same instant (given back together) come in the same order every time.
/// </summary>
public static class InboxOrder
{
    public static IOrderedEnumerable<InboxEvent> Due(IEnumerable<InboxEvent> events, Func<InboxEvent, DateTimeOffset?> dueAt) =>
        events.OrderBy(dueAt).ThenBy(e => e.ReceivedAt).ThenBy(e => e.Id, StringComparer.Ordinal);
}
