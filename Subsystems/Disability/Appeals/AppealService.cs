using IntegrationHub.Contracts.Text;
using IntegrationHub.Disability.Extracts;
using IntegrationHub.Disability.Records;
using IntegrationHub.Modules.Calendar;
using IntegrationHub.Statistics;

namespace IntegrationHub.Disability.Appeals;

/// <summary>The citizen's appeal: which result (its referral number) and why.</summary>
public sealed record AppealRequest(string? ReferralNumber, string? Reason);

/// <summary>
/// The central commission's decision: <c>confirmed</c> (the result stands) or <c>changed</c> (with the new result's
/// percentage, cause, start date and recommendations, derived as a first result is); a justification either way.
/// </summary>
public sealed record AppealDecisionRequest(string? Outcome, string? Justification, int? Percent, string? Cause, DateOnly? StartDate, string? Recommendations);

/// <summary>An appeal as the citizen and the central commission see it.</summary>
/// <param name="Deadline"><c>on-time</c>, <c>at-risk</c> (<c>Disability:Appeals:AtRiskWorkingDays</c> or fewer left), <c>overdue</c>, or <c>decided</c>.</param>
/// <param name="WorkingDaysLeft">Working days to the due date (negative when overdue); null once decided.</param>
/// <param name="NewExtractCode">The extract of the changed result that superseded the citizen's extracts of the first; null when they held none.</param>
public sealed record AppealView(
    string ReferralNumber, string Fin, string Reason, DateTimeOffset FiledAt, DateOnly DueOn, AppealStatus Status, string Deadline, int? WorkingDaysLeft,
    DateTimeOffset? DecidedAt, string? DecidedBy, string? Justification, string? NewReferralNumber, string? NewExtractCode);

/// <summary>An appeal with the appealed case (the person, the records, the result), for the central commission.</summary>
public sealed record AppealCase(AppealView Appeal, CaseView Case);

/// <summary>
/// Appeals against exam results: the citizen appeals a decided result within <c>Disability:Appeals:Period</c>; the
/// central commission decides within its working-day deadline. A changed result is a new case linked to the first
/// (<see cref="CaseDocument.AppealOf"/>), which it supersedes: the first no longer counts anywhere, and the citizen's
/// extracts of it verify as superseded by an extract of the new one. An unchanged result is recorded as confirmed.
/// </summary>
public sealed partial class AppealService(
    IDisabilityStore store, ExamService exams, ExtractService extracts, IOptions<DisabilityOptions> options, TimeProvider time, IOutcomeCounter outcomes,
    ILogger<AppealService> logger)
{
    public const int MaxReason = 2000;
    public const string DeadlineOnTime = "on-time";
    public const string DeadlineAtRisk = "at-risk";
    public const string DeadlineOverdue = "overdue";
    public const string DeadlineDecided = "decided";

    /// <summary>The case number of the central commission's changed result: the first result's, with this suffix.</summary>
    public const string NewResultSuffix = "-AP";

    private readonly WorkingDays _days = new(options.Value.Appeals.FixedHolidays, options.Value.Appeals.Holidays);

    private AppealOptions Settings => options.Value.Appeals;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The citizen <paramref name="fin"/> appeals one of their own results.</summary>
    public async Task<(AppealView? Appeal, ApiProblem? Problem)> FileAsync(Fin fin, AppealRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fin);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ReferralNumber))
        {
            return (null, ApiProblem.BadRequest(DisabilityCodes.InvalidReferralNumber, "Name the referral whose result is appealed.", "referralNumber"));
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReason)
        {
            return (null, ApiProblem.BadRequest(DisabilityCodes.InvalidAppealReason, $"The reason is 1-{MaxReason} characters.", "reason"));
        }
        if (TextInput.CheckMultiLine(request.Reason, "reason") is { } unprintable)
        {
            return (null, ApiProblem.BadRequest(DisabilityCodes.InvalidCharacters, unprintable, "reason"));
        }
        var number = request.ReferralNumber.Trim().ToUpperInvariant();
        var c = store.FindCase(number);
        // Another person's referral is answered like one that does not exist: a citizen learns nothing of others' exams.
        if (c is null || c.Fin != fin.Value)
        {
            return (null, new(404, DisabilityCodes.UnknownReferral, "You have no referral with this number.", "referralNumber"));
        }
        if (c.Status != CaseStatus.Decided)
        {
            return (null, new(409, DisabilityCodes.NoDecidedExam, "This referral has no result yet; a result can be appealed once it is decided.", "referralNumber"));
        }
        if (c.AppealOf is not null)
        {
            return (null, new(409, DisabilityCodes.AppealDecisionFinal, "This result is the central commission's decision on an appeal; it cannot be appealed again here (a court can review it).", "referralNumber"));
        }
        var now = time.GetUtcNow();
        var until = c.Result!.DecidedAt + Settings.Period;
        if (now > until)
        {
            return (null, new(422, DisabilityCodes.AppealPeriodOver,
                $"A result can be appealed within {Settings.Period.TotalDays:0} days of its decision; this one could be appealed until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.", "referralNumber"));
        }
        var appeal = new AppealDocument
        {
            ReferralNumber = number,
            Fin = fin.Value,
            Reason = request.Reason.Trim(),
            FiledAt = now,
            DueOn = _days.AddWorkingDays(DateOnly.FromDateTime(now.UtcDateTime), Settings.DecisionWorkingDays),
            Status = AppealStatus.Pending,
        };
        var inserted = await store.AddAppealAsync(appeal, cancellationToken);
        if (!inserted)
        {
            return (null, new(409, DisabilityCodes.AppealExists, "This result has been appealed already; one appeal per result.", "referralNumber"));
        }
        outcomes.Count(OutcomeKeys.DisabilityAppeal, OutcomeKeys.Filed);
        LogFiled(logger, number, fin.Masked, appeal.DueOn);
        return (View(appeal), null);
    }

    /// <summary>The citizen's appeals, newest first.</summary>
    public IReadOnlyList<AppealView> OfCitizen(Fin fin)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return store.AppealsOf(fin.Value).OrderByDescending(a => a.FiledAt).Select(View).ToList();
    }

    /// <summary>The central commission's list: pending appeals, soonest due first, each with its deadline state; optionally only one state.</summary>
    public IReadOnlyList<AppealView> Pending(string? deadline = null) =>
        store.PendingAppeals().OrderBy(a => a.DueOn).ThenBy(a => a.FiledAt).Select(View)
            .Where(v => deadline is null || v.Deadline == deadline)
            .ToList();

    /// <summary>One appeal with the appealed case, for the central commission; null when there is none.</summary>
    public AppealCase? Find(string referralNumber)
    {
        var number = referralNumber.Trim().ToUpperInvariant();
        if (store.FindAppeal(number) is not { } appeal) return null;
        return new AppealCase(View(appeal), CaseView.Of(store.FindCase(number)!));
    }

    /// <summary>The central commission decides: the result confirmed, or changed into a new result that supersedes the first.</summary>
    public async Task<(AppealView? Appeal, ApiProblem? Problem)> DecideAsync(
        string referralNumber, AppealDecisionRequest request, string decidedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = referralNumber.Trim().ToUpperInvariant();
        if (store.FindAppeal(number) is not { } appeal) return (null, new(404, DisabilityCodes.UnknownAppeal, $"No appeal against referral {number}.", "referralNumber"));
        if (appeal.Status != AppealStatus.Pending) return (null, Decided(appeal));
        var changed = request.Outcome switch
        {
            "confirmed" => false,
            "changed" => true,
            _ => (bool?)null,
        };
        if (changed is null)
        {
            return (null, ApiProblem.BadRequest(DisabilityCodes.InvalidAppealOutcome, "The outcome is confirmed (the result stands) or changed (with the new result).", "outcome"));
        }
        if (string.IsNullOrWhiteSpace(request.Justification) || request.Justification.Length > MaxReason)
        {
            return (null, ApiProblem.BadRequest(DisabilityCodes.MissingJustification, $"The central commission writes why it decided so: 1-{MaxReason} characters.", "justification"));
        }
        if (TextInput.CheckMultiLine(request.Justification, "justification") is { } unprintable)
        {
            return (null, ApiProblem.BadRequest(DisabilityCodes.InvalidCharacters, unprintable, "justification"));
        }

        var first = store.FindCase(number)!;
        CaseDocument? replacement = null;
        if (changed.Value)
        {
            var entered = new ExamResultRequest(request.Percent, request.Cause, request.StartDate, request.Recommendations);
            if (exams.Derive(first, entered, decidedBy, replacing: number, out var result) is { } invalid) return (null, invalid);
            replacement = new CaseDocument
            {
                ReferralNumber = number + NewResultSuffix,
                Fin = first.Fin,
                Clinic = first.Clinic,
                Diagnoses = first.Diagnoses,
                IssuedOn = first.IssuedOn,
                ReceivedAt = time.GetUtcNow(),
                SubmittedBy = first.SubmittedBy,
                Status = CaseStatus.Decided,
                Person = first.Person,
                HealthRecordsJson = first.HealthRecordsJson,
                MissingRecords = first.MissingRecords,
                EarlierExams = first.EarlierExams,
                Result = result,
                AppealOf = number,
            };
        }

        var now = time.GetUtcNow();
        // Checked again in the write, under the appeal's lock: two members of the central commission decide it once.
        var decided = false;
        var saved = await store.UpdateAppealAsync(number, current =>
        {
            if (current.Status != AppealStatus.Pending) return false;
            current.Status = replacement is null ? AppealStatus.Confirmed : AppealStatus.Changed;
            current.DecidedAt = now;
            current.DecidedBy = decidedBy;
            current.Justification = request.Justification.Trim();
            if (replacement is not null)
            {
                current.NewReferralNumber = replacement.ReferralNumber;
                current.SupersedePending = true;
            }
            return decided = true;
        }, replacement, cancellationToken);
        if (saved is null) return (null, new(404, DisabilityCodes.UnknownAppeal, $"No appeal against referral {number}.", "referralNumber"));
        if (!decided) return (null, Decided(saved));
        outcomes.Count(OutcomeKeys.DisabilityAppeal, replacement is null ? OutcomeKeys.Confirmed : OutcomeKeys.Changed);
        LogDecided(logger, number, saved.Status, decidedBy);
        if (saved.SupersedePending) saved = await CompleteSupersedeAsync(saved, cancellationToken);
        return (View(saved), null);
    }

    /// <summary>Changed appeals whose extracts were not yet superseded (the process stopped in between): done now.</summary>
    public async Task CompletePendingAsync(CancellationToken cancellationToken)
    {
        foreach (var appeal in store.AppealsAwaitingSupersede())
        {
            await CompleteSupersedeAsync(appeal, cancellationToken);
        }
    }

    /// <summary>Supersedes the citizen's extracts of the first result (idempotent: extracts already superseded are left), then records it.</summary>
    private async Task<AppealDocument> CompleteSupersedeAsync(AppealDocument appeal, CancellationToken cancellationToken)
    {
        var code = await extracts.SupersedeAsync(appeal.Fin, appeal.ReferralNumber, appeal.NewReferralNumber!, appeal.DecidedBy!, cancellationToken);
        var updated = await store.UpdateAppealAsync(appeal.ReferralNumber, current =>
        {
            current.NewExtractCode ??= code;
            current.SupersedePending = false;
            return true;
        }, replacement: null, cancellationToken);
        return updated!;
    }

    private static ApiProblem Decided(AppealDocument appeal) =>
        new(409, DisabilityCodes.AppealDecided, $"This appeal was decided ({appeal.Status.ToString().ToLowerInvariant()}) on {appeal.DecidedAt:yyyy-MM-dd}.", null);

    private AppealView View(AppealDocument a)
    {
        string deadline;
        int? left = null;
        if (a.Status != AppealStatus.Pending)
        {
            deadline = DeadlineDecided;
        }
        else
        {
            left = _days.WorkingDaysLeft(Today, a.DueOn);
            deadline = a.DueOn < Today ? DeadlineOverdue : left <= Settings.AtRiskWorkingDays ? DeadlineAtRisk : DeadlineOnTime;
        }
        return new AppealView(a.ReferralNumber, a.Fin, a.Reason, a.FiledAt, a.DueOn, a.Status, deadline, left, a.DecidedAt, a.DecidedBy, a.Justification,
            a.NewReferralNumber, a.NewExtractCode);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Appeal against referral {ReferralNumber} lodged by {Fin}, due {DueOn}")]
    private static partial void LogFiled(ILogger logger, string referralNumber, string fin, DateOnly dueOn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Appeal against referral {ReferralNumber} decided: {Status} by {DecidedBy}")]
    private static partial void LogDecided(ILogger logger, string referralNumber, AppealStatus status, string decidedBy);
}
