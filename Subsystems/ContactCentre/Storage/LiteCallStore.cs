using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.ContactCentre.Storage;

/// <summary>
/// <see cref="ICallStore"/> on the embedded store: <c>contact-centre.db</c> under the data directory, written through
/// the shared <see cref="DurableStore"/> (group commit, fsynced before any write is acknowledged).
/// </summary>
public sealed class LiteCallStore : ICallStore
{
    public const string FileName = "contact-centre.db";

    private const string Calls = "calls";
    private const string Callers = "callers";
    private const string FollowUps = "follow_ups";
    private const string Counters = "counters";

    private readonly DurableStore _store;

    public LiteCallStore(string path, ILogger? logger = null)
    {
        _store = new DurableStore(new DurableStoreOptions(path), logger);
        var db = _store.Database;
        var calls = db.GetCollection<CallRecord>(Calls);
        calls.EnsureIndex(c => c.TelephonyId, unique: true);
        calls.EnsureIndex(c => c.Status);
        calls.EnsureIndex(c => c.Month);
        calls.EnsureIndex(c => c.UpdatedAt);
        var followUps = db.GetCollection<FollowUpRecord>(FollowUps);
        followUps.EnsureIndex(f => f.Status);
        followUps.EnsureIndex(f => f.Month);
        _store.CreateCollections(Callers, Counters);
    }

    public (long Groups, long Records) WriteCounters => _store.Counters;

    public Task<(CallRecord Call, bool Created)> RegisterAsync(NewCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var day = call.ArrivedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return _store.WriteAsync(db =>
        {
            var calls = db.GetCollection<CallRecord>(Calls);
            if (calls.FindOne(LiteQueries.Equal(nameof(CallRecord.TelephonyId), call.TelephonyId)) is { } known) return (known, false);

            var record = new CallRecord
            {
                TelephonyId = call.TelephonyId,
                CallerNumber = call.CallerNumber?.Value,
                Topic = call.Topic.Key,
                Department = call.Topic.Department,
                Status = call.Topic.SelfService ? CallStatus.SelfService : CallStatus.Waiting,
                ArrivedAt = call.ArrivedAt,
                Month = call.ArrivedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                QueuedAt = call.Topic.SelfService ? null : call.ArrivedAt,
                UpdatedAt = call.ArrivedAt,
                History = [new CallEvent { At = call.ArrivedAt, Kind = CallEventKinds.Registered, Department = call.Topic.Department }],
            };
            var counters = db.GetCollection<CounterRecord>(Counters);
            var counter = counters.FindById(day) ?? new CounterRecord { Id = day };
            counter.Value++;
            counters.Upsert(counter);
            record.Id = string.Create(CultureInfo.InvariantCulture, $"142-{day}-{counter.Value:000000}");

            if (call.CallerNumber is { } number)
            {
                // The callers' numbers seen, so a repeat caller is known in one read whatever the number of calls.
                var callers = db.GetCollection<CallerRecord>(Callers);
                var caller = callers.FindById(number.Value) ?? new CallerRecord { Id = number.Value };
                record.PreviousCalls = caller.Calls;
                record.PreviousCallAt = caller.LastCallAt;
                record.PreviousCallNumber = caller.LastCall;
                caller.Calls++;
                caller.LastCallAt = call.ArrivedAt;
                caller.LastCall = record.Id;
                callers.Upsert(caller);
            }
            calls.Insert(record);
            return (record, true);
        }, cancellationToken);
    }

    public Task<T> ChangeAsync<T>(string number, Func<CallRecord?, CallChange<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _store.WriteAsync(db =>
        {
            var calls = db.GetCollection<CallRecord>(Calls);
            var record = calls.FindById(number);
            var outcome = change(record);
            if (outcome.Save)
            {
                if (record is null) throw new InvalidOperationException($"No call {number} to change.");
                calls.Update(record);
            }
            if (outcome.NewFollowUp is { } followUp) db.GetCollection<FollowUpRecord>(FollowUps).Insert(followUp);
            return outcome.Result;
        }, cancellationToken);
    }

    public Task<T> ChangeFollowUpAsync<T>(string id, Func<FollowUpRecord?, (bool Save, T Result)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _store.WriteAsync(db =>
        {
            var followUps = db.GetCollection<FollowUpRecord>(FollowUps);
            var record = followUps.FindById(id);
            var (save, result) = change(record);
            if (save && record is not null) followUps.Update(record);
            return result;
        }, cancellationToken);
    }

    public CallRecord? Find(string number) => _store.Database.GetCollection<CallRecord>(Calls).FindById(number);

    public IReadOnlyList<CallRecord> InStatus(CallStatus status) =>
        _store.Database.GetCollection<CallRecord>(Calls).Find(Query.EQ(nameof(CallRecord.Status), status.ToString())).ToList();

    public IReadOnlyList<CallRecord> ChangedSince(DateTimeOffset since) =>
        _store.Database.GetCollection<CallRecord>(Calls).Find(Query.GTE(nameof(CallRecord.UpdatedAt), new BsonValue(since.UtcDateTime))).ToList();

    public IReadOnlyList<CallRecord> ArrivedIn(string fromMonth, string toMonth) =>
        _store.Database.GetCollection<CallRecord>(Calls).Find(Query.Between(nameof(CallRecord.Month), fromMonth, toMonth)).ToList();

    public FollowUpRecord? FindFollowUp(string id) => _store.Database.GetCollection<FollowUpRecord>(FollowUps).FindById(id);

    public IReadOnlyList<FollowUpRecord> OpenFollowUps() =>
        _store.Database.GetCollection<FollowUpRecord>(FollowUps).Find(Query.EQ(nameof(FollowUpRecord.Status), nameof(FollowUpStatus.Open))).ToList();

    public IReadOnlyList<FollowUpRecord> FollowUpsOpenedIn(string fromMonth, string toMonth) =>
        _store.Database.GetCollection<FollowUpRecord>(FollowUps).Find(Query.Between(nameof(FollowUpRecord.Month), fromMonth, toMonth)).ToList();

    public long CallCount() => _store.Database.GetCollection<CallRecord>(Calls).LongCount();

    public void Dispose() => _store.Dispose();
}

/// <summary>A number calls came from (collection <c>callers</c>; id = the number).</summary>
internal sealed class CallerRecord
{
    public string Id { get; set; } = "";
    public int Calls { get; set; }
    public DateTimeOffset? LastCallAt { get; set; }
    public string? LastCall { get; set; }
}

/// <summary>A day's call sequence (collection <c>counters</c>; id = <c>yyyyMMdd</c>).</summary>
internal sealed class CounterRecord
{
    public string Id { get; set; } = "";
    public long Value { get; set; }
}
