namespace IntegrationHub.Assistance.Processing;

/// <summary>
/// Takes every case that is due from the store, asks the hub for the household profile over the bus and
/// decides. The store is the work list, so a case survives a restart and is simply asked about again: with the
/// same request id while the hub has not answered, with a new one after a partial profile (the hub answers a
/// repeated id with what it already assembled). Near the deadline an undecided case goes to a caseworker, and
/// is still asked about until it is decided.
/// </summary>
public sealed partial class CaseWorker(
    AssistanceStore store,
    IServiceScopeFactory scopes,
    IOptions<AssistanceOptions> options,
    WorkingCalendar calendar,
    TimeProvider time,
    CaseWakeup wakeup,
    OutboxWakeup outboxWakeup,
    ILogger<CaseWorker> logger)
    : DueWorkService<ApplicationRecord>(wakeup.Wakeup, time, options.Value.PollInterval, options.Value.ConcurrentCases * 4, options.Value.ConcurrentCases)
{
    public const string Purpose = "targeted-social-assistance";
    public const string Subsystem = "assistance";

    protected override Task<IReadOnlyList<ApplicationRecord>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Task.FromResult(store.DueCases(now, max));

    protected override DateTimeOffset? NextDue() => store.NextDue();

    protected override void OnPassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>One attempt on one case.</summary>
    public override async Task ProcessAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        // An application from an accepted offer has no declaration yet: the hub proposes the household, and the declaration is made from its data.
        var declared = !string.IsNullOrEmpty(application.DeclarationJson) ? JsonSerializer.Deserialize<ApplicationDeclaration>(application.DeclarationJson, AssistanceStore.Json)! : null;
        var request = new GetHouseholdProfile(
            application.RequestId,
            application.Applicant,
            declared?.Members.Select(m => new DeclaredMemberEntry(m.Fin.Value, m.Relation.ToString())).ToList(),
            Purpose,
            application.Id,
            Subsystem,
            Fresh: application.AskFresh);
        var answer = await scopes.AskHubAsync(request, cancellationToken);

        if (answer.Profile is { } profile)
        {
            if ((declared ?? ProfileDeclaration.From(profile, AssistanceStore.ChannelOf(application))) is not { } declaration)
            {
                await RetryLaterAsync(application, "the population register gave no ID card number for the applicant", newRequestId: true, cancellationToken);
                return;
            }
            var rules = options.Value.Rules;
            var result = MeansTest.Evaluate(declaration, profile, rules, application.ApplicationDate);
            if (result.Outcome == MeansTestOutcome.Referred)
            {
                await ReferAsync(application, "the rules leave it to a caseworker: " + string.Join("; ", result.Referrals ?? []), cancellationToken,
                    JsonSerializer.Serialize(profile, AssistanceStore.Json), result);
                return;
            }
            if (result.Outcome != MeansTestOutcome.NeedsData)
            {
                var decided = await store.DecideAsync(application.Id, declaration, rules, JsonSerializer.Serialize(profile, AssistanceStore.Json), result, Time.GetUtcNow(), cancellationToken,
                    profile.Members.Select(m => m.Fin.Value).ToList());
                if (decided)
                {
                    LogDecided(logger, application.Id, result.Outcome, result.Reasons.Count);
                    outboxWakeup.Wakeup.Signal();
                }
                return;
            }
            await RetryLaterAsync(application, "agency data missing: " + string.Join("; ", result.MissingData), newRequestId: true, cancellationToken,
                JsonSerializer.Serialize(profile, AssistanceStore.Json), result);
            return;
        }
        if (answer.FinalRefusal() is { } refusal)
        {
            LogHubRefused(logger, application.Id, refusal.Reason);
            await ReferAsync(application, $"the hub refused the profile request: {refusal.Reason} ({refusal.Detail})", cancellationToken);
            return;
        }
        await RetryLaterAsync(application, answer.Unavailable ?? $"hub refusal {answer.Refusal?.Reason}", newRequestId: false, cancellationToken);
    }

    /// <summary>To the caseworker queue for good: asking the hub again would not change the answer.</summary>
    /// <param name="profileJson">The profile the case goes with (none when the hub refused): the caseworker sees it, with <paramref name="findings"/>.</param>
    private Task ReferAsync(ApplicationRecord application, string reason, CancellationToken cancellationToken, string? profileJson = null, MeansTestResult? findings = null)
    {
        LogReferred(logger, application.Id);
        return store.UpdateCaseAsync(application.Id, c =>
        {
            c.Attempts++;
            c.Status = CaseStatus.WithCaseworker;
            c.CaseworkerReason = reason;
            c.LastProblem = reason;
            c.NextAttemptAt = null;
            AssistanceStore.KeepSnapshot(c, profileJson, findings);
        }, cancellationToken);
    }

    /// <param name="profileJson">The partial profile, if one came: kept for the caseworker with <paramref name="findings"/> (what is missing).</param>
    private Task RetryLaterAsync(ApplicationRecord application, string problem, bool newRequestId, CancellationToken cancellationToken, string? profileJson = null, MeansTestResult? findings = null)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var atRisk = calendar.AtRisk(today, application.DueDate);
        LogWaiting(logger, application.Id, application.Attempts + 1, atRisk);
        return store.UpdateCaseAsync(application.Id, c =>
        {
            c.Attempts++;
            var backoff = settings.RetryAfter(c.Attempts);
            c.NextAttemptAt = now + backoff;
            c.LastProblem = problem;
            if (newRequestId) c.RequestId = Guid.CreateVersion7(now);
            AssistanceStore.KeepSnapshot(c, profileJson, findings);
            if (atRisk)
            {
                c.Status = CaseStatus.WithCaseworker;
                c.CaseworkerReason ??= "no decision near the deadline: " + problem;
            }
            else if (c.Status == CaseStatus.Registered)
            {
                c.Status = CaseStatus.AwaitingData;
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {Number} decided: {Outcome} ({Reasons} refusal reasons)")]
    private static partial void LogDecided(ILogger logger, string number, MeansTestOutcome outcome, int reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Application {Number}: the hub refused the profile request ({Reason}); a caseworker takes it")]
    private static partial void LogHubRefused(ILogger logger, string number, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {Number} goes to a caseworker")]
    private static partial void LogReferred(ILogger logger, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {Number} waits for agency data (attempt {Attempt}, at risk: {AtRisk})")]
    private static partial void LogWaiting(ILogger logger, string number, int attempt, bool atRisk);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the case worker failed; it goes on")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
