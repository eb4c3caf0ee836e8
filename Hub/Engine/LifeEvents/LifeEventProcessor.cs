using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Caching;

namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>What an operator's retry did.</summary>
public enum RetryOutcome
{
    Retried,
    UnknownEvent,
    NotFailed,
}

/// <summary>
/// Passes accepted events on. The inbox is the work list, so an event acknowledged before a crash is passed on after
/// the restart. For each subsystem whose policy allows the kind (<c>Trust:LifeEvents</c>, deny by default), an audit
/// record is written first (purpose <see cref="AuditPurpose"/>; the people named are its subjects, so each sees it in
/// their own view), then <see cref="PersonChanged"/> is sent to that subsystem alone. An attempt that fails is tried
/// again with a growing wait, without telling again a subsystem it already told; after
/// <see cref="LifeEventOptions.MaxAttempts"/> the event is a dead letter, which an operator can retry.
/// </summary>
public sealed partial class LifeEventProcessor(
    ILifeEventInbox inbox,
    IPersonChangedDelivery delivery,
    IAuditStore audit,
    PersonChangeMarks changes,
    LifeEventStats stats,
    LifeEventWakeup wakeup,
    IOptions<LifeEventOptions> options,
    IOptions<LifeEventPolicyOptions> policy,
    TimeProvider time,
    ILogger<LifeEventProcessor> logger) : DueWorkService<InboxEvent>(wakeup.Wakeup, time, options.Value.PollInterval, batchSize: 32)
{
    /// <summary>The purpose under which a delivery is audited.</summary>
    public const string AuditPurpose = "life-event";

    protected override Task<IReadOnlyList<InboxEvent>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        inbox.TakeDueAsync(now, max, cancellationToken);

    protected override DateTimeOffset? NextDue() => inbox.NextDue();

    protected override void OnPassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>
    /// Passes the events taken on, one after the other, while at least half of an event's take is left
    /// (<see cref="LifeEventOptions.TakeFor"/>): an event whose take runs out is another instance's to take, so it is
    /// given back for the next take rather than attempted by two. Returns how many were attempted.
    /// </summary>
    protected override async Task<int> ProcessBatchAsync(IReadOnlyList<InboxEvent> due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var attempted = 0;
        try
        {
            foreach (var e in due)
            {
                if (Time.GetUtcNow() > e.NextAttemptAt - options.Value.TakeFor / 2) break;
                await ProcessAsync(e, cancellationToken);
                attempted++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(due.Skip(attempted));
            throw;
        }
        if (attempted < due.Count) await ReleaseAsync(due.Skip(attempted));
        return attempted;
    }

    /// <summary>
    /// The events taken and not attempted (the take ran short, or the processor is stopping) are due again at once: the
    /// next take (this instance's, another's, or the next one to start) has them without waiting for the take to lapse.
    /// Bounded: an inbox that does not answer leaves them to lapse.
    /// </summary>
    private async Task ReleaseAsync(IEnumerable<InboxEvent> taken)
    {
        using var bound = new CancellationTokenSource(ReleaseTimeout, Time);
        try
        {
            foreach (var e in taken)
            {
                var now = Time.GetUtcNow();
                await inbox.UpdateAsync(e.ChangeId, stored =>
                {
                    // Still this take's (not written since, nor taken again after it lapsed).
                    if (stored.State != InboxStates.Received || stored.NextAttemptAt != e.NextAttemptAt) return false;
                    stored.NextAttemptAt = now;
                    return true;
                }, bound.Token);
            }
        }
#pragma warning disable CA1031 // Nothing waits on a give-back: the takes lapse on their own.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, failure.GetType().Name);
        }
    }

    /// <summary>The longest the processor waits for the inbox to give back what it took and did not attempt.</summary>
    public static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The subsystems told of <paramref name="kind"/>.</summary>
    public IReadOnlyList<string> Recipients(string kind) =>
        policy.Value.Subsystems.Where(s => s.Value.Contains(kind, StringComparer.Ordinal)).Select(s => s.Key.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();

    /// <summary>One attempt to pass one event on.</summary>
    public override async Task ProcessAsync(InboxEvent e, CancellationToken cancellationToken)
    {
        // Again here: after a restart the marks made at the door are gone.
        changes.MarkChanged(e.Fins);
        var message = new PersonChanged(e.ChangeId, e.Kind, e.Fins, e.Date, e.Agency);
        var delivered = new List<string>(e.DeliveredTo);
        try
        {
            foreach (var subsystem in Recipients(e.Kind).Where(s => !delivered.Contains(s, StringComparer.Ordinal)))
            {
                // On disk before anything leaves, as for a profile.
                await audit.AppendAsync(Describe(e, subsystem, message), cancellationToken);
                await delivery.DeliverAsync(subsystem, message, cancellationToken);
                delivered.Add(subsystem);
            }
            var now = Time.GetUtcNow();
            await inbox.UpdateAsync(e.ChangeId, stored =>
            {
                if (stored.State != InboxStates.Received) return false;
                stored.State = InboxStates.Processed;
                stored.Attempts++;
                stored.ProcessedAt = now;
                stored.NextAttemptAt = null;
                stored.DeliveredTo = delivered;
                return true;
            }, cancellationToken);
            stats.Processed(e, now);
            LogProcessed(logger, e.ChangeId, e.Agency, e.Kind, delivered.Count);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            var now = Time.GetUtcNow();
            var settings = options.Value;
            var attempts = e.Attempts + 1;
            var dead = attempts >= settings.MaxAttempts;
            var reason = failure.GetType().Name + ": " + failure.Message;
            await inbox.UpdateAsync(e.ChangeId, stored =>
            {
                if (stored.State != InboxStates.Received) return false;
                stored.Attempts = attempts;
                stored.LastError = reason;
                stored.DeliveredTo = delivered;
                if (dead)
                {
                    stored.State = InboxStates.Failed;
                    stored.FailedAt = now;
                    stored.NextAttemptAt = null;
                }
                else
                {
                    stored.NextAttemptAt = now + TimeSpan.FromTicks(settings.RetryInterval.Ticks * (1L << Math.Min(attempts - 1, 5)));
                }
                return true;
            }, cancellationToken);
            stats.Failed(e, dead);
            LogFailed(logger, e.ChangeId, e.Agency, e.Kind, attempts, dead, failure.GetType().Name);
        }
    }

    /// <summary>An operator's retry of a dead letter: back to received, tried again at once (its retry counted).</summary>
    public async Task<(RetryOutcome Outcome, InboxEvent? Event)> RetryAsync(Guid changeId, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var wasFailed = false;
        var updated = await inbox.UpdateAsync(changeId, stored =>
        {
            wasFailed = stored.State == InboxStates.Failed;
            if (!wasFailed) return false;
            stored.State = InboxStates.Received;
            stored.Attempts = 0;
            stored.Retries++;
            stored.FailedAt = null;
            stored.NextAttemptAt = now;
            return true;
        }, cancellationToken);
        if (updated is null) return (RetryOutcome.UnknownEvent, null);
        if (!wasFailed) return (RetryOutcome.NotFailed, updated);
        wakeup.Wakeup.Signal();
        LogRetried(logger, changeId, updated.Retries);
        return (RetryOutcome.Retried, updated);
    }

    /// <summary>The delivery as an access: the subsystem received these people's FINs, the kind of change and its date.</summary>
    private static AuditEntry Describe(InboxEvent e, string subsystem, PersonChanged message) => new(
        e.ChangeId,
        subsystem,
        Officer: null,
        AuditPurpose,
        e.ChangeId.ToString("N"),
        e.Fins[0],
        e.Fins,
        AuditRecord.Ok,
        [new AgencyAccess { Agency = e.Agency, DataSet = AuditPurpose, Asked = e.Fins.Count, Ok = e.Fins.Count }],
        e.ChangeId,
        AuditRecord.Sha256(JsonSerializer.SerializeToUtf8Bytes(message)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Life event {ChangeId} ({Agency}, {Kind}) passed on to {Subsystems} subsystem(s)")]
    private static partial void LogProcessed(ILogger logger, Guid changeId, string agency, string kind, int subsystems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Life event {ChangeId} ({Agency}, {Kind}): attempt {Attempt} failed ({Error}); dead letter: {Dead}")]
    private static partial void LogFailed(ILogger logger, Guid changeId, string agency, string kind, int attempt, bool dead, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Life event {ChangeId} retried by an operator (retry {Retries})")]
    private static partial void LogRetried(ILogger logger, Guid changeId, int retries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Life events taken and not attempted were not given back ({Error}); they are due again when their take lapses")]
    private static partial void LogReleaseFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the life-event processor failed; it goes on")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
