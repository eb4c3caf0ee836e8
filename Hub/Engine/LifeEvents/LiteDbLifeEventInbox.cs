using System.Collections.Concurrent;
using LiteDB;

namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>
/// The default inbox, one hub process's own: <c>life-events.db</c> under <c>Storage:DataDirectory</c>, through the
/// shared <see cref="DurableStore"/> (fsynced before a write completes). The counts per agency, kind and state are read
/// from the file once at open and kept in memory from there, so the dashboard never scans the inbox.
/// </summary>
public sealed class LiteDbLifeEventInbox : ILifeEventInbox, IDisposable
{
    public const string FileName = "life-events.db";
    private const string Events = "events";

    private readonly DurableStore _store;
    private readonly TimeSpan _takeFor;
    private readonly ConcurrentDictionary<(string Agency, string Kind, string State), long> _counts = new();

    /// <param name="path">The file (<see cref="FileName"/> under the data directory).</param>
    /// <param name="takeFor">How long a taken event stays taken (<see cref="LifeEventOptions.TakeFor"/>).</param>
    public LiteDbLifeEventInbox(string path, TimeSpan takeFor, ILogger<LiteDbLifeEventInbox>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _takeFor = takeFor;
        _store = new DurableStore(new DurableStoreOptions(path), logger);
        var events = Collection(_store.Database);
        // Indexes at open also create the collection before anyone reads it (DurableStore.CreateCollections).
        events.EnsureIndex(e => e.ChangeId, unique: true);
        events.EnsureIndex(e => e.State);
        events.EnsureIndex(e => e.NextAttemptAt);
        foreach (var e in events.FindAll()) Count(e.Agency, e.Kind, e.State, +1);
    }

    public string Path => _store.Path;

    private static ILiteCollection<InboxEvent> Collection(LiteDatabase db) => db.GetCollection<InboxEvent>(Events);

    public async Task<AdmissionResult> AdmitAsync(InboxEvent candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var result = await _store.WriteAsync(db =>
        {
            var events = Collection(db);
            if (events.FindById(candidate.Id) is { } known)
            {
                return new AdmissionResult(known.ContentHash == candidate.ContentHash ? Admission.Duplicate : Admission.Conflict, known);
            }
            events.Insert(candidate);
            return new AdmissionResult(Admission.Created, candidate);
        }, cancellationToken);
        if (result.Outcome == Admission.Created) Count(candidate.Agency, candidate.Kind, candidate.State, +1);
        return result;
    }

    public InboxEvent? Find(Guid changeId) => Collection(_store.Database).FindOne(LiteQueries.Equal(nameof(InboxEvent.ChangeId), changeId));

    public async Task<IReadOnlyList<InboxEvent>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await _store.WriteAsync(db =>
        {
            // One writer at a time: a take is whole before the next one looks.
            var events = Collection(db);
            var due = InboxOrder.Due(events
                .Find(Query.And(
                    Query.EQ(nameof(InboxEvent.State), InboxStates.Received),
                    Query.LTE(nameof(InboxEvent.NextAttemptAt), new BsonValue(now.UtcDateTime)))), e => e.NextAttemptAt)
                .Take(max).ToList();
            // As the file keeps it (milliseconds): what the caller is given is what a later write compares with.
            var until = now + _takeFor;
            until = until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMillisecond));
            foreach (var e in due)
            {
                e.NextAttemptAt = until;
                events.Update(e);
            }
            return (IReadOnlyList<InboxEvent>)due;
        }, cancellationToken);

    public DateTimeOffset? NextDue() =>
        Collection(_store.Database).Find(Query.EQ(nameof(InboxEvent.State), InboxStates.Received)).Min(e => e.NextAttemptAt);

    public async Task<InboxEvent?> UpdateAsync(Guid changeId, Func<InboxEvent, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (before, after) = await _store.WriteAsync(db =>
        {
            var events = Collection(db);
            var stored = events.FindOne(LiteQueries.Equal(nameof(InboxEvent.ChangeId), changeId));
            if (stored is null) return ((string?)null, (InboxEvent?)null);
            var state = stored.State;
            if (change(stored)) events.Update(stored);
            return (state, stored);
        }, cancellationToken);
        if (after is not null && before != after.State)
        {
            Count(after.Agency, after.Kind, before!, -1);
            Count(after.Agency, after.Kind, after.State, +1);
        }
        return after;
    }

    public InboxPage List(string? state, int page, int pageSize)
    {
        var query = Collection(_store.Database).Query();
        if (state is not null) query = query.Where(e => e.State == state);
        var total = query.LongCount();
        var items = query.OrderByDescending(e => e.ReceivedAt).Skip((page - 1) * pageSize).Limit(pageSize).ToList();
        return new InboxPage(page, pageSize, total, items);
    }

    public IReadOnlyList<InboxCount> Counts() =>
        _counts.Where(c => c.Value > 0).Select(c => new InboxCount(c.Key.Agency, c.Key.Kind, c.Key.State, c.Value))
            .OrderBy(c => c.Agency, StringComparer.Ordinal).ThenBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.State, StringComparer.Ordinal).ToList();

    private void Count(string agency, string kind, string state, long delta) =>
        _counts.AddOrUpdate((agency, kind, state), delta, (_, n) => n + delta);

    public void Dispose() => _store.Dispose();
}
