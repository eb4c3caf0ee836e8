using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Engine.LifeEvents.Postgres;
using IntegrationHub.Storage.Postgres;

namespace IntegrationHub.Hub.Tests.Engine.LifeEvents;

/// <summary>
/// What every life-event inbox must do, run against each provider: an event admitted once per agency and id (the same
/// again a duplicate, other content a conflict), however many instances receive it at once; a due event taken by one
/// caller at a time, and taken again once a take left by a "crashed" instance lapses; the lists and counts.
/// </summary>
public abstract class LifeEventInboxContract : IAsyncLifetime
{
    protected static readonly TimeSpan TakeFor = TimeSpan.FromMinutes(2);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected FakeTimeProvider Clock { get; } = TestClock.Fake();

    /// <summary>An instance of the inbox on the test's data: another one each call where the provider is shared between processes.</summary>
    protected abstract ILifeEventInbox Instance();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public abstract ValueTask DisposeAsync();

    private InboxEvent Event(string eventId, string hash = "h1", string agency = "population", string kind = "death") => new()
    {
        Id = agency + "/" + eventId,
        ChangeId = Guid.NewGuid(),
        Agency = agency,
        EventId = eventId,
        Kind = kind,
        Fins = ["AAAAAA1", "BBBBBB2"],
        Date = TestClock.Today,
        ReceivedAt = Clock.GetUtcNow(),
        ContentHash = hash,
        State = InboxStates.Received,
        NextAttemptAt = Clock.GetUtcNow(),
    };

    [Fact]
    public async Task Admit_New_SameAgain_OtherContent_CreatedDuplicateConflict()
    {
        var inbox = Instance();
        var first = Event("e-1");

        var created = await inbox.AdmitAsync(first, Ct);
        var again = await inbox.AdmitAsync(Event("e-1"), Ct);
        var other = await inbox.AdmitAsync(Event("e-1", hash: "h2"), Ct);
        var otherAgency = await inbox.AdmitAsync(Event("e-1", agency: "tax"), Ct);

        Assert.Equal(Admission.Created, created.Outcome);
        Assert.Equal(Admission.Duplicate, again.Outcome);
        Assert.Equal(first.ChangeId, again.Event.ChangeId);
        Assert.Equal(Admission.Conflict, other.Outcome);
        Assert.Equal("h1", other.Event.ContentHash);
        Assert.Equal(Admission.Created, otherAgency.Outcome);
        var found = inbox.Find(first.ChangeId);
        Assert.NotNull(found);
        Assert.Equal(["AAAAAA1", "BBBBBB2"], found.Fins);
        Assert.Equal(TestClock.Today, found.Date);
        Assert.Equal(Clock.GetUtcNow(), found.ReceivedAt);
        Assert.Null(inbox.Find(Guid.NewGuid()));
    }

    [Fact]
    public async Task Admit_SameEventAtOnceOnTwoInstances_StoredOnce()
    {
        var instances = new[] { Instance(), Instance() };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => instances[i % 2].AdmitAsync(Event("e-race"), Ct), Ct)));

        var created = Assert.Single(results, r => r.Outcome == Admission.Created);
        Assert.All(results, r => Assert.Equal(created.Event.ChangeId, r.Event.ChangeId));
        Assert.Equal(19, results.Count(r => r.Outcome == Admission.Duplicate));
        Assert.Equal(1, instances[1].List(null, 1, 50).Total);
        Assert.Equal([new InboxCount("population", "death", InboxStates.Received, 1)], instances[0].Counts());
    }

    [Fact]
    public async Task TakeDue_TwoInstancesAtOnce_NeverBothTheSameEvent()
    {
        var instances = new[] { Instance(), Instance() };
        for (var i = 0; i < 40; i++) await instances[0].AdmitAsync(Event($"e-{i}"), Ct);
        var now = Clock.GetUtcNow();

        // Each instance takes a few at a time until nothing is left, both at once.
        var takes = await Task.WhenAll(instances.Select(inbox => Task.Run(async () =>
        {
            var taken = new List<Guid>();
            for (var batch = await inbox.TakeDueAsync(now, 3, Ct); batch.Count > 0; batch = await inbox.TakeDueAsync(now, 3, Ct))
            {
                taken.AddRange(batch.Select(e => e.ChangeId));
            }
            return taken;
        }, Ct)));

        var all = takes.SelectMany(t => t).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Distinct().Count());
        Assert.Equal(now + TakeFor, instances[1].NextDue());
    }

    [Fact]
    public async Task TakeDue_OldestFirst_NotYetDueLeft_TakenUntilWrittenOrLapsed()
    {
        var inbox = Instance();
        var later = Event("later");
        var earlier = Event("earlier");
        var future = Event("future");
        earlier.NextAttemptAt = Clock.GetUtcNow().AddSeconds(-30);
        future.NextAttemptAt = Clock.GetUtcNow().AddMinutes(10);
        foreach (var e in new[] { later, earlier, future }) await inbox.AdmitAsync(e, Ct);
        var now = Clock.GetUtcNow();

        var taken = await inbox.TakeDueAsync(now, 10, Ct);

        Assert.Equal([earlier.ChangeId, later.ChangeId], taken.Select(e => e.ChangeId));
        Assert.Empty(await inbox.TakeDueAsync(now, 10, Ct));
        Assert.Equal(now + TakeFor, inbox.NextDue());
        // Written back (a failed attempt sets its next time): due again then, not when the take lapses.
        await inbox.UpdateAsync(earlier.ChangeId, e => { e.Attempts = 1; e.NextAttemptAt = now.AddSeconds(5); return true; }, Ct);
        Assert.Equal([earlier.ChangeId], (await inbox.TakeDueAsync(now.AddSeconds(5), 10, Ct)).Select(e => e.ChangeId));
    }

    [Fact]
    public async Task TakeDue_TheTakeGiven_IsTheTakeStored()
    {
        var inbox = Instance();
        var e = Event("e-fine");
        await inbox.AdmitAsync(e, Ct);
        // A clock finer than the store keeps: the caller compares what it was given with what is stored (a release when stopping).
        Clock.Advance(TimeSpan.FromTicks(1234));

        var taken = Assert.Single(await inbox.TakeDueAsync(Clock.GetUtcNow(), 10, Ct));

        Assert.Equal(taken.NextAttemptAt, inbox.Find(e.ChangeId)!.NextAttemptAt);
        Assert.Equal(taken.NextAttemptAt, inbox.NextDue());
    }

    [Fact]
    public async Task TakeDue_TakeOfACrashedInstance_TakenAgainAfterItLapses()
    {
        var crashed = Instance();
        var survivor = Instance();
        var e = Event("e-crash");
        await crashed.AdmitAsync(e, Ct);

        Assert.Single(await crashed.TakeDueAsync(Clock.GetUtcNow(), 10, Ct));
        // The instance dies holding it: nobody else is given it until the take lapses.
        Clock.Advance(TakeFor - TimeSpan.FromSeconds(1));
        Assert.Empty(await survivor.TakeDueAsync(Clock.GetUtcNow(), 10, Ct));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await survivor.TakeDueAsync(Clock.GetUtcNow(), 10, Ct));

        Assert.Equal(e.ChangeId, again.ChangeId);
        Assert.Equal(Clock.GetUtcNow() + TakeFor, again.NextAttemptAt);
    }

    [Fact]
    public async Task Update_StatesListedAndCounted_ProcessedNoLongerDue()
    {
        var inbox = Instance();
        // Received a second apart, in this order.
        async Task<InboxEvent> Receive(InboxEvent e)
        {
            await inbox.AdmitAsync(e, Ct);
            Clock.Advance(TimeSpan.FromSeconds(1));
            return e;
        }
        var processed = await Receive(Event("p"));
        var failed = await Receive(Event("f", kind: "birth"));
        var waiting = await Receive(Event("w"));
        var now = Clock.GetUtcNow();

        var done = await inbox.UpdateAsync(processed.ChangeId, e =>
        {
            e.State = InboxStates.Processed;
            e.NextAttemptAt = null;
            e.ProcessedAt = now;
            e.DeliveredTo = ["assistance"];
            return true;
        }, Ct);
        await inbox.UpdateAsync(failed.ChangeId, e => { e.State = InboxStates.Failed; e.NextAttemptAt = null; e.LastError = "down"; return true; }, Ct);
        // A change that returns false is not stored, whatever it did to the copy it was given.
        Assert.NotNull(await inbox.UpdateAsync(waiting.ChangeId, e => { e.Attempts = 99; return false; }, Ct));

        Assert.Equal(InboxStates.Processed, done!.State);
        Assert.Equal(0, inbox.Find(waiting.ChangeId)!.Attempts);
        Assert.Null(await inbox.UpdateAsync(Guid.NewGuid(), _ => true, Ct));
        Assert.Equal(["assistance"], inbox.Find(processed.ChangeId)!.DeliveredTo);
        Assert.Equal([waiting.ChangeId], (await inbox.TakeDueAsync(now, 10, Ct)).Select(e => e.ChangeId));
        var all = inbox.List(null, 1, 2);
        Assert.Equal(3, all.Total);
        Assert.Equal([waiting.ChangeId, failed.ChangeId], all.Items.Select(e => e.ChangeId));
        Assert.Equal([processed.ChangeId], inbox.List(null, 2, 2).Items.Select(e => e.ChangeId));
        var dead = inbox.List(InboxStates.Failed, 1, 50);
        Assert.Equal("down", Assert.Single(dead.Items).LastError);
        Assert.Equal(
            [
                new InboxCount("population", "birth", InboxStates.Failed, 1),
                new InboxCount("population", "death", InboxStates.Processed, 1),
                new InboxCount("population", "death", InboxStates.Received, 1),
            ],
            inbox.Counts());
    }
}

/// <summary>The default: one file, one process; its "other instance" is the same inbox (two processes never share the file).</summary>
public sealed class LiteDbLifeEventInboxTests : LifeEventInboxContract
{
    private readonly ScratchDirectory _directory = new("life-events-");
    private readonly LiteDbLifeEventInbox _inbox;

    public LiteDbLifeEventInboxTests() => _inbox = new LiteDbLifeEventInbox(_directory.File(LiteDbLifeEventInbox.FileName), TakeFor);

    protected override ILifeEventInbox Instance() => _inbox;

    public override ValueTask DisposeAsync()
    {
        _inbox.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database of the local cluster; each instance has a connection pool of its own, like another hub process.</summary>
public sealed class PostgresLifeEventInboxTests : LifeEventInboxContract
{
    private readonly List<PostgresDatabase> _databases = [];
    private PostgresServer? _server;

    protected override ILifeEventInbox Instance()
    {
        var database = new PostgresDatabase(_server!.ConnectionString);
        _databases.Add(database);
        return new PostgresLifeEventInbox(database, TakeFor);
    }

    public override async ValueTask InitializeAsync() => _server = await PostgresServer.CreateDatabaseAsync();

    public override async ValueTask DisposeAsync()
    {
        foreach (var database in _databases) await database.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
