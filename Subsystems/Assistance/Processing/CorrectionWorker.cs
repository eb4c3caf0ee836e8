namespace IntegrationHub.Assistance.Processing;

/// <summary>
/// Sends each contest's correction request to the agency that gave the item (through the hub, which holds the agencies'
/// clients), then asks where it stands until the agency answered for good. The store is the work list: an agency away,
/// or no answer from the hub, is tried again after <see cref="CaseworkerOptions.CorrectionRetryInterval"/> (doubling).
/// The agency's answer informs the caseworker; it does not close the contest, a caseworker does.
/// </summary>
public sealed partial class CorrectionWorker(
    AssistanceStore store, IServiceScopeFactory scopes, IOptions<AssistanceOptions> options, TimeProvider time, ContestWakeup wakeup, ILogger<CorrectionWorker> logger)
    : DueWorkService<ContestRecord>(wakeup.Wakeup, time, options.Value.PollInterval, batchSize: 16)
{
    protected override Task<IReadOnlyList<ContestRecord>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Task.FromResult(store.DueCorrections(now, max));

    protected override DateTimeOffset? NextDue() => store.NextCorrectionDue();

    protected override void OnPassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>One step for one contest: file its request, or ask where it stands.</summary>
    public override async Task ProcessAsync(ContestRecord contest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contest);
        CorrectionAnswer answer;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var hub = scope.ServiceProvider.GetRequiredService<CorrectionRequests>();
            answer = contest.CorrectionId is null
                ? await hub.FileAsync(new RequestCorrection(Guid.CreateVersion7(Time.GetUtcNow()), CaseWorker.Subsystem, contest.Agency, contest.Member, contest.DataSet, contest.Comment, contest.Id), cancellationToken)
                : await hub.StatusAsync(new GetCorrectionStatus(Guid.CreateVersion7(Time.GetUtcNow()), CaseWorker.Subsystem, contest.Agency, contest.CorrectionId), cancellationToken);
        }
        var now = Time.GetUtcNow();
        var retry = options.Value.Caseworkers.CorrectionRetryInterval;
        await store.UpdateCorrectionAsync(contest.Id, c =>
        {
            c.CorrectionAttempts++;
            var backoff = TimeSpan.FromTicks(retry.Ticks * (1L << Math.Min(c.CorrectionAttempts - 1, 4)));
            if (answer.Filed is { } filed)
            {
                c.CorrectionId = filed.CorrectionId;
                c.CorrectionState = filed.Status;
                c.CorrectionNote = filed.Note;
                // Filed: asked about after the first interval; answered for good: nothing more to ask.
                c.CorrectionNextAt = CorrectionStates.IsFinal(filed.Status) ? null : now + retry;
                if (filed.Status == CorrectionStates.Received) c.CorrectionAttempts = 0;
            }
            else if (answer.NotFiled is { Retry: false } refused)
            {
                c.CorrectionNote = refused.Reason;
                c.CorrectionNextAt = null;
            }
            else
            {
                c.CorrectionNote = answer.NotFiled?.Reason ?? "no answer from the hub";
                c.CorrectionNextAt = now + backoff;
            }
        }, cancellationToken);
        LogStep(logger, contest.Id, contest.Agency, answer.Filed?.Status ?? answer.NotFiled?.Reason ?? "no answer");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Contest {ContestId}: correction request at {Agency}: {State}")]
    private static partial void LogStep(ILogger logger, string contestId, string agency, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the correction worker failed; it goes on")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
