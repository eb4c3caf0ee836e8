using IntegrationHub.Assistance.LifeEvents;
using IntegrationHub.Assistance.Processing;
using IntegrationHub.Assistance.Tests.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Assistance.Tests.LifeEvents;

/// <summary>
/// Issue 18 item 5 on a fake clock: the monthly reconciliation (the background service itself, over a real store file)
/// re-checks every award in force once the period has passed, and nothing else; moving the clock is the only trigger.
/// </summary>
public sealed class ReconciliationClockTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(30);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ScratchDirectory _directory = new("reconciliation-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _directory.Dispose();
    }

    [Fact]
    public async Task AdvancingPastThePeriod_ReChecksEveryAwardInForce_OncePerPeriod()
    {
        using var store = new AssistanceStore(Path.Combine(_directory.Path, "assistance.db"));
        var calendar = new WorkingCalendar(new CalendarOptions());
        var declaration = new ProfileBuilder().Applicant(300).Member(RelationToApplicant.Child, age: 4).Declaration();
        async Task<string> Application(string key, Action<ApplicationRecord>? change)
        {
            var (record, _) = await store.SubmitAsync(declaration, key, _time.GetUtcNow(), calendar, TimeSpan.Zero, Ct);
            if (change is not null) await store.UpdateCaseAsync(record.Id, change, Ct);
            return record.Id;
        }
        var until = new DateOnly(2026, 12, 31);
        var awards = new[]
        {
            await Application("award-1", a => (a.Status, a.AwardUntil) = (CaseStatus.Approved, until)),
            await Application("award-2", a => (a.Status, a.AwardUntil) = (CaseStatus.Approved, until)),
        };
        var expired = await Application("expired", a => (a.Status, a.AwardUntil) = (CaseStatus.Approved, new DateOnly(2026, 3, 1)));
        var refused = await Application("refused", a => a.Status = CaseStatus.Refused);
        var pending = await Application("pending", null);

        // Should the loop not yet be waiting when the clock moves (between its pass and its wait), its wait starts from the
        // moved clock and ends at most a minute on (Reconciliation.ClockCheck): nudged on a second at a time here until the
        // awards have their rounds. A wait of the whole period there failed this test in CI.
        async Task<bool> RoundsAsync(int rounds) => await Poll.UntilAsync(() =>
        {
            if (awards.All(a => store.ReEvaluationsOf(a).Count == rounds)) return true;
            _time.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, Wait);

        var wakeup = new ReEvaluationWakeup();
        using var reconciliation = new Reconciliation(store, Options.Create(new AssistanceOptions { ReconciliationInterval = Interval }), _time, wakeup,
            NullLogger<Reconciliation>.Instance);
        await reconciliation.StartAsync(Ct);
        try
        {
            // The first pass only marks when the period starts (a fresh store has nothing to catch up on).
            Assert.True(await Poll.UntilAsync(() => store.NextReconciliation(Interval) is not null, Wait));
            Assert.Equal(_time.GetUtcNow() + Interval, store.NextReconciliation(Interval));

            // A day short of the period: still nothing.
            _time.Advance(Interval - TimeSpan.FromDays(1));
            Assert.All(awards, a => Assert.Empty(store.ReEvaluationsOf(a)));

            // Past the period: every award in force, and only they, has a re-evaluation from the reconciliation.
            _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
            var passedAt = _time.GetUtcNow();
            Assert.True(await RoundsAsync(1), "every award in force is re-checked");
            var ranAt = store.ReEvaluationsOf(awards[0]).Single().CreatedAt;
            Assert.InRange(ranAt, passedAt, passedAt + TimeSpan.FromHours(1)); // nudged seconds at most, not a period
            foreach (var award in awards)
            {
                var job = Assert.Single(store.ReEvaluationsOf(award));
                Assert.Equal(("reconciliation", ranAt), (job.TriggerKind, job.CreatedAt));
            }
            Assert.Empty(store.ReEvaluationsOf(expired));
            Assert.Empty(store.ReEvaluationsOf(refused));
            Assert.Empty(store.ReEvaluationsOf(pending));
            Assert.Equal(ranAt + Interval, store.NextReconciliation(Interval));

            // The next period: one more round each, none in between.
            _time.Advance(Interval);
            Assert.True(await RoundsAsync(2), "a second round a period later");
            Assert.Empty(store.ReEvaluationsOf(expired));
        }
        finally
        {
            await reconciliation.StopAsync(Ct);
        }
    }
}
