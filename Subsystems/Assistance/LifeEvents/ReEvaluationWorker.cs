namespace IntegrationHub.Assistance.LifeEvents;

/// <summary>
/// Checks awards against what changed. For each re-evaluation that is due (a life event about someone of the
/// household, or the periodic reconciliation) the hub is asked for a fresh profile of the household as the registries
/// hold it now (every agency asked anew), a declaration is made from it (the citizen declares nothing), and the means
/// test is run for today within the award's period. The same outcome and amount: recorded as checked. Otherwise a new
/// decision with its notice (<see cref="AssistanceStore.ReEvaluateAsync"/>). No answer or missing data: asked again
/// later, as a case is. The store is the work list, so nothing is lost to a restart.
/// </summary>
public sealed partial class ReEvaluationWorker(
    AssistanceStore store,
    IServiceScopeFactory scopes,
    IOptions<AssistanceOptions> options,
    TimeProvider time,
    ReEvaluationWakeup wakeup,
    OutboxWakeup outboxWakeup,
    ILogger<ReEvaluationWorker> logger)
    : DueWorkService<ReEvaluationRecord>(wakeup.Wakeup, time, options.Value.PollInterval, options.Value.ConcurrentCases * 4, options.Value.ConcurrentCases)
{
    protected override Task<IReadOnlyList<ReEvaluationRecord>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Task.FromResult(store.DueReEvaluations(now, max));

    protected override DateTimeOffset? NextDue() => store.NextReEvaluationDue();

    protected override void OnPassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>One attempt on one re-evaluation.</summary>
    public override async Task ProcessAsync(ReEvaluationRecord job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var application = store.Find(job.ApplicationNumber);
        var current = application is null ? null : store.CurrentDecision(application.Id);
        if (application is null || current is null || application.Status != CaseStatus.Approved || application.AwardUntil is not { } until || until < today)
        {
            await EndAsync(job, ReEvaluationStates.Skipped, "no award in force any more", cancellationToken);
            return;
        }
        var declared = AssistanceStore.DeclarationOf(application, current);
        // The household as the registries hold it now (no declaration), every agency asked anew.
        var request = new GetHouseholdProfile(job.RequestId, application.Applicant, null, CaseWorker.Purpose, application.Id, CaseWorker.Subsystem, Fresh: true);
        var answer = await scopes.AskHubAsync(request, cancellationToken);

        if (answer.Profile is { } profile)
        {
            if (ProfileDeclaration.From(profile, declared.Channel, declared.IdCard) is not { } declaration)
            {
                await RetryLaterAsync(job, "the population register gave no ID card number for the applicant", newRequestId: true, cancellationToken);
                return;
            }
            var rules = options.Value.Rules;
            var result = MeansTest.Evaluate(declaration, profile, rules, today, until);
            if (result.Outcome == MeansTestOutcome.NeedsData)
            {
                await RetryLaterAsync(job, "agency data missing: " + string.Join("; ", result.MissingData), newRequestId: true, cancellationToken);
                return;
            }
            if (result.Outcome == MeansTestOutcome.Referred)
            {
                await EndAsync(job, ReEvaluationStates.Referred, "the rules leave it to a caseworker: " + string.Join("; ", result.Referrals ?? []), cancellationToken, result);
                return;
            }
            var state = await store.ReEvaluateAsync(job, current.Id, declaration, rules, JsonSerializer.Serialize(profile, AssistanceStore.Json), result, today,
                profile.Members.Select(m => m.Fin.Value).ToList(), Time.GetUtcNow(), cancellationToken);
            LogDone(logger, job.ApplicationNumber, job.TriggerKind, state, result.Outcome);
            if (state == ReEvaluationStates.Changed) outboxWakeup.Wakeup.Signal();
            return;
        }
        if (answer.FinalRefusal() is { } refusal)
        {
            await EndAsync(job, ReEvaluationStates.Skipped, $"the hub refused the profile request: {refusal.Reason}", cancellationToken);
            return;
        }
        await RetryLaterAsync(job, answer.Unavailable ?? $"hub refusal {answer.Refusal?.Reason}", newRequestId: false, cancellationToken);
    }

    private Task EndAsync(ReEvaluationRecord job, string state, string why, CancellationToken cancellationToken, MeansTestResult? result = null)
    {
        LogEnded(logger, job.ApplicationNumber, job.TriggerKind, state, why);
        var now = Time.GetUtcNow();
        return store.UpdateReEvaluationAsync(job.Id, j =>
        {
            j.Attempts++;
            j.State = state;
            j.NextAttemptAt = null;
            j.CompletedAt = now;
            j.LastProblem = why;
            j.Outcome = result?.Outcome.ToString();
        }, cancellationToken);
    }

    private Task RetryLaterAsync(ReEvaluationRecord job, string problem, bool newRequestId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        LogWaiting(logger, job.ApplicationNumber, job.Attempts + 1, problem);
        return store.UpdateReEvaluationAsync(job.Id, j =>
        {
            j.Attempts++;
            j.NextAttemptAt = now + settings.RetryAfter(j.Attempts);
            j.LastProblem = problem;
            if (newRequestId) j.RequestId = Guid.CreateVersion7(now);
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {Number} re-evaluated after {Trigger}: {State} (means test: {Outcome})")]
    private static partial void LogDone(ILogger logger, string number, string trigger, string state, MeansTestOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-evaluation of application {Number} after {Trigger} ended {State}: {Why}")]
    private static partial void LogEnded(ILogger logger, string number, string trigger, string state, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-evaluation of application {Number} waits (attempt {Attempt}): {Problem}")]
    private static partial void LogWaiting(ILogger logger, string number, int attempt, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the re-evaluation worker failed; it goes on")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
