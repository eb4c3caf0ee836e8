using IntegrationHub.Hub.Engine.Audit.Segments;
using IntegrationHub.Hub.Engine.Caching;
using IntegrationHub.Hub.Engine.LifeEvents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Engine.LifeEvents;

/// <summary>The processor on a fake clock: it attempts an event only while its take holds, so no other instance can be attempting it too.</summary>
public sealed class LifeEventProcessorTests : IDisposable
{
    private static readonly TimeSpan TakeFor = TimeSpan.FromMinutes(2);

    private readonly ScratchDirectory _directory = new("life-event-processor-");
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestClock.Fake();
    private readonly LiteDbLifeEventInbox _inbox;
    private readonly AuditSegmentStore _audit;
    private readonly List<PersonChanged> _delivered = [];

    public LifeEventProcessorTests()
    {
        _inbox = new LiteDbLifeEventInbox(_directory.File(LiteDbLifeEventInbox.FileName), TakeFor);
        _audit = new AuditSegmentStore(Options.Create(new AuditOptions { DataDirectory = _directory.Path }), _clock);
    }

    public void Dispose()
    {
        _audit.Dispose();
        _inbox.Dispose();
        _directory.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A processor whose every delivery takes <paramref name="deliveryTakes"/> of the fake clock (<paramref name="whileDelivering"/> happening then).</summary>
    private LifeEventProcessor Processor(TimeSpan deliveryTakes, Action? whileDelivering = null)
    {
        var policy = new LifeEventPolicyOptions();
        policy.Subsystems["assistance"] = ["death"];
        return new LifeEventProcessor(
            _inbox,
            new SlowDelivery(_clock, deliveryTakes, _delivered, whileDelivering),
            _audit,
            new PersonChangeMarks(_clock),
            new LifeEventStats(_clock),
            new LifeEventWakeup(),
            Options.Create(new LifeEventOptions { TakeFor = TakeFor }),
            Options.Create(policy),
            _clock,
            NullLogger<LifeEventProcessor>.Instance);
    }

    private async Task<Guid> AdmitAsync(string eventId)
    {
        var e = new InboxEvent
        {
            Id = "population/" + eventId,
            ChangeId = Guid.NewGuid(),
            Agency = "population",
            EventId = eventId,
            Kind = "death",
            Fins = ["AAAAAA1"],
            Date = TestClock.Today,
            ReceivedAt = _clock.GetUtcNow(),
            ContentHash = eventId,
            NextAttemptAt = _clock.GetUtcNow(),
        };
        Assert.Equal(Admission.Created, (await _inbox.AdmitAsync(e, Ct)).Outcome);
        // The next one a second later: the oldest is taken first.
        _clock.Advance(TimeSpan.FromSeconds(1));
        return e.ChangeId;
    }

    [Fact]
    public async Task ProcessDue_TakeRunningOut_RestGivenBackForTheNextTake()
    {
        var first = await AdmitAsync("e-1");
        var second = await AdmitAsync("e-2");
        var taken = _clock.GetUtcNow();
        var processor = Processor(deliveryTakes: TakeFor / 2 + TimeSpan.FromSeconds(1));

        // The first delivery uses more than half of the take: the second event is not attempted on what is left of it.
        Assert.Equal(1, await processor.ProcessDueAsync(Ct));

        Assert.Equal([first], _delivered.Select(m => m.ChangeId));
        Assert.Equal(InboxStates.Processed, _inbox.Find(first)!.State);
        // Given back, not attempted and not held until the take lapses: the next take (anyone's) has it at once.
        var left = _inbox.Find(second)!;
        Assert.Equal((InboxStates.Received, 0), (left.State, left.Attempts));
        Assert.True(left.NextAttemptAt <= _clock.GetUtcNow() && left.NextAttemptAt > taken, $"{left.NextAttemptAt:O}");
        Assert.Equal(1, await processor.ProcessDueAsync(Ct));
        Assert.Equal([first, second], _delivered.Select(m => m.ChangeId));
    }

    [Fact]
    public async Task ProcessDue_QuickDeliveries_AllPassedOnInOneTake()
    {
        var events = new[] { await AdmitAsync("e-1"), await AdmitAsync("e-2"), await AdmitAsync("e-3") };

        Assert.Equal(3, await Processor(deliveryTakes: TimeSpan.FromSeconds(1)).ProcessDueAsync(Ct));

        Assert.Equal(events, _delivered.Select(m => m.ChangeId));
        Assert.All(events, e => Assert.Equal(InboxStates.Processed, _inbox.Find(e)!.State));
        Assert.Null(_inbox.NextDue());
    }

    [Fact]
    public async Task ProcessDue_Stopped_EventsNotPassedOnAreDueAgainAtOnce()
    {
        var first = await AdmitAsync("e-1");
        var second = await AdmitAsync("e-2");
        using var stopping = new CancellationTokenSource();
        var processor = Processor(TimeSpan.FromSeconds(1), whileDelivering: stopping.Cancel);
        // A clock finer than the store keeps (LiteDB: milliseconds; PostgreSQL: microseconds).
        _clock.Advance(TimeSpan.FromTicks(1234));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => processor.ProcessDueAsync(stopping.Token));

        // Not processed, and not held for the take's two minutes: another instance (or this one restarted) takes both now.
        var now = _clock.GetUtcNow();
        Assert.All(new[] { first, second }, e => Assert.True(_inbox.Find(e) is { State: InboxStates.Received, NextAttemptAt: { } next } && next <= now, $"{_inbox.Find(e)?.State} {_inbox.Find(e)?.NextAttemptAt:O}"));
        Assert.Equal([first, second], (await _inbox.TakeDueAsync(now, 10, Ct)).Select(e => e.ChangeId));
    }

    /// <summary>A subsystem's queue that takes <paramref name="takes"/> of the fake clock to accept a message (<paramref name="meanwhile"/> happening then).</summary>
    private sealed class SlowDelivery(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, TimeSpan takes, List<PersonChanged> delivered, Action? meanwhile) : IPersonChangedDelivery
    {
        public Task DeliverAsync(string subsystem, PersonChanged message, CancellationToken cancellationToken)
        {
            clock.Advance(takes);
            meanwhile?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
            delivered.Add(message);
            return Task.CompletedTask;
        }
    }
}
