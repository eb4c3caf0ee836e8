using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Disability.Records;

/// <summary>What the commission enters: the percentage, the cause, the start date and recommendations. Nothing else is typed in.</summary>
public sealed record ExamResultRequest(int? Percent, string? Cause, DateOnly? StartDate, string? Recommendations);

/// <summary>
/// The commission's result: validates what it entered and derives the category, the former degree and the
/// next exam date or "indefinite" from the person's history (<see cref="ExamSchedule"/>).
/// </summary>
public sealed partial class ExamService(IDisabilityStore store, ExamSchedule schedule, TimeProvider time, ILogger<ExamService> logger)
{
    public const int MaxRecommendations = 2000;

    /// <summary>How far ahead of today a start date may lie (a decision is taken for the coming days, not years).</summary>
    public static readonly TimeSpan StartDateLead = TimeSpan.FromDays(31);

    public async Task<(CaseDocument? Case, ApiProblem? Problem)> DecideAsync(string referralNumber, ExamResultRequest request, string decidedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = referralNumber.Trim().ToUpperInvariant();
        var c = store.FindCase(number);
        if (c is null) return (null, new(404, DisabilityCodes.UnknownReferral, $"No referral numbered {number}.", "referralNumber"));
        if (Check(c) is { } state) return (null, state);
        if (Derive(c, request, decidedBy, c.ReferralNumber, out var result) is { } invalid) return (null, invalid);
        // Checked again in the write, under the case's lock: two members deciding at once (on two instances) record one result.
        ApiProblem? raced = null;
        var saved = await store.UpdateCaseAsync(number, current =>
        {
            raced = Check(current);
            if (raced is not null) return false;
            current.Result = result;
            current.Status = CaseStatus.Decided;
            return true;
        }, cancellationToken);
        if (saved is null) raced = Check(null);
        if (raced is not null) return (null, raced);
        LogDecided(logger, number, result.Percent, result.Category, result.Indefinite);
        return (saved, null);
    }

    /// <summary>
    /// Validates what a commission entered for <paramref name="c"/> and derives the whole result from the person's
    /// history less <paramref name="replacing"/> (the case itself; on appeal, the result being replaced). The
    /// central commission's changed result is derived the same way as a first one.
    /// </summary>
    public ApiProblem? Derive(CaseDocument c, ExamResultRequest request, string decidedBy, string replacing, out ResultDocument result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(request);
        result = null!;
        if (Validate(request, c, out var cause) is { } invalid) return invalid;
        var person = c.Person!;
        var outcome = schedule.Decide(request.Percent!.Value, cause, request.StartDate!.Value, person.BirthDate, person.Sex, History(c, replacing));
        result = new ResultDocument
        {
            Percent = request.Percent.Value,
            Category = outcome.Category,
            FormerDegree = outcome.FormerDegree,
            Cause = cause,
            StartDate = request.StartDate.Value,
            NextExam = outcome.NextExam,
            Indefinite = outcome.Indefinite,
            IndefiniteReason = outcome.IndefiniteReason,
            Recommendations = string.IsNullOrWhiteSpace(request.Recommendations) ? null : request.Recommendations.Trim(),
            DecidedAt = time.GetUtcNow(),
            DecidedBy = decidedBy,
        };
        return null;
    }

    /// <summary>
    /// Earlier exams of the person: this module's own decided cases that stand (authoritative; a result replaced on
    /// appeal no longer counts), and the registry's assessments as the hub gave them at referral time, less those
    /// this module decided itself. <paramref name="excluding"/> (the case itself, or the result an appeal replaces) is left out.
    /// </summary>
    public IReadOnlyList<PriorAssessment> History(CaseDocument c, string? excluding = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var self = excluding ?? c.ReferralNumber;
        var own = store.CasesOf(c.Fin)
            .Where(o => o.Status == CaseStatus.Decided && o.ReferralNumber != c.ReferralNumber && o.ReferralNumber != self && o.SupersededBy is null)
            .Select(o => o.Result!)
            .Select(r => new PriorAssessment(r.Percent, r.StartDate, r.NextExam, r.Indefinite))
            .ToList();
        var registry = c.EarlierExams
            .Where(a => own.All(o => o.From != a.From))
            .Select(a => new PriorAssessment(a.Percent, a.From, a.Until, a.Indefinite));
        return [.. own, .. registry];
    }

    private static ApiProblem? Check(CaseDocument? c) => c?.Status switch
    {
        null => new(404, DisabilityCodes.UnknownReferral, "No such referral.", "referralNumber"),
        CaseStatus.AwaitingRecords => new(409, DisabilityCodes.RecordsPending, "The person's records have not come from the hub yet; the result can be entered once they have.", null),
        CaseStatus.Decided => new(409, DisabilityCodes.AlreadyDecided, "This referral already has a result; the citizen may appeal it to the central commission.", null),
        _ => null,
    };

    private ApiProblem? Validate(ExamResultRequest r, CaseDocument c, out DisabilityCause cause)
    {
        cause = default;
        if (Categories.CheckPercent(r.Percent) is { } percentError) return ApiProblem.BadRequest(DisabilityCodes.InvalidPercent, percentError, "percent");
        if (!EnumNames.TryParse(r.Cause, out cause))
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidCause,
                $"The cause must be one of {string.Join(", ", Enum.GetNames<DisabilityCause>())}.", "cause");
        }
        if (r.StartDate is not { } start)
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidStartDate, "The start date is missing (yyyy-MM-dd).", "startDate");
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (start < c.IssuedOn || start > today.AddDays(StartDateLead.Days))
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidStartDate,
                $"The start date must lie between the referral's date ({c.IssuedOn:yyyy-MM-dd}) and {StartDateLead.Days} days from today.", "startDate");
        }
        if (r.Recommendations is { Length: > MaxRecommendations })
        {
            return ApiProblem.BadRequest(DisabilityCodes.RecommendationsTooLong, $"Recommendations are at most {MaxRecommendations} characters.", "recommendations");
        }
        if (TextInput.CheckMultiLine(r.Recommendations, "recommendations") is { } unprintable)
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidCharacters, unprintable, "recommendations");
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralNumber} decided: {Percent} % ({Category}), indefinite {Indefinite}")]
    private static partial void LogDecided(ILogger logger, string referralNumber, int percent, DisabilityCategory category, bool indefinite);
}
