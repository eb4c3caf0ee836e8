using System.Globalization;
using System.Security.Claims;
using IntegrationHub.Disability.Appeals;
using IntegrationHub.Disability.Extracts;
using IntegrationHub.Disability.Records;
using IntegrationHub.Modules.HubAccess;
using IntegrationHub.Statistics;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Disability.Api;

/// <summary>A referral's state as the clinic and the commission see it.</summary>
public sealed record CaseView(
    string ReferralNumber, string Fin, string Clinic, DateOnly IssuedOn, IReadOnlyList<string> Diagnoses, CaseStatus Status,
    string? Name, DateOnly? BirthDate, IReadOnlyList<string> MissingRecords, Contracts.Profiles.DataSets.HealthData? HealthRecords,
    IReadOnlyList<AssessmentDocument> EarlierExams, ResultDocument? Result, string? AppealOf = null, string? SupersededBy = null)
{
    public static CaseView Of(CaseDocument c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.ReferralNumber, c.Fin, c.Clinic, c.IssuedOn, c.Diagnoses, c.Status, c.Person?.FullName, c.Person?.BirthDate, c.MissingRecords,
            ReferralService.HealthRecords(c), c.EarlierExams, c.Result, c.AppealOf, c.SupersededBy);
    }
}

public sealed record IssueExtractRequest(string? ReferralNumber);

public sealed record LastExamRequest(string? IdCardNumber, string? BirthDate);

/// <param name="CallerNumber">The phone number calling (+994 and 9 digits): the per-client limit is per caller.</param>
/// <param name="IdDigits">The ID card digits keyed in: 8 for an AZE card, 7 for an AA card.</param>
/// <param name="BirthDigits">The birth date keyed in as DDMMYYYY.</param>
public sealed record CallCentreRequest(string? CallerNumber, string? IdDigits, string? BirthDigits);

/// <summary>The disability module's HTTP API, version 1.</summary>
public static class DisabilityApi
{
    public static RouteGroupBuilder MapDisabilityApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/disability").WithTags("Disability");

        api.MapPost("/referrals", SubmitReferralAsync).RequirePerson(CallerRoles.ClinicDoctor)
            .WithName("SubmitReferral")
            .WithSummary("Referral intake (form 88), by a clinic doctor")
            .WithDescription("Validates the referral (FIN, ICD-10 codes; the clinic is the doctor's, from the token), stores it, and pulls the person's identity, health records and earlier exams through the hub (purpose disability-assessment, the doctor as the officer in the hub's audit). 201 with the records in, 202 while the hub has not answered (asked again in the background).")
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/referrals/{referralNumber}", GetCase).RequirePerson(CallerRoles.ClinicDoctor, CallerRoles.CommissionMember)
            .WithName("GetReferral")
            .WithSummary("A referral with the person's records and its result")
            .WithDescription("A clinic doctor sees their own clinic's referrals only: another clinic's is answered like one that does not exist (404 unknown-referral). The look is recorded in the hub's audit first (the citizen sees it, with the officer's role); when it cannot be, nothing is shown (503 audit-unavailable).")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/referrals/{referralNumber}/result", DecideAsync).RequirePerson(CallerRoles.CommissionMember)
            .WithName("DecideReferral")
            .WithSummary("The commission's exam result")
            .WithDescription("Percentage in steps of 5, cause, start date, recommendations. The category, former degree and next exam date or indefinite are derived from the person's history, never typed in.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        // The citizen's own token, and their own FIN in the path (another: 403 not-your-data).
        var citizen = api.MapGroup("/citizens/{fin}").RequirePerson(CallerRoles.Citizen)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        citizen.MapGet("/exams", Register).WithName("GetExamRegister").WithSummary("Section 1: the citizen's exam register");
        citizen.MapPost("/extracts", IssueAsync).WithName("IssueExtract")
            .WithSummary("Issue an extract (PDF with authentication code and QR) of the latest or a named exam")
            .ProducesProblem(StatusCodes.Status404NotFound);
        citizen.MapGet("/extracts", History).WithName("GetExtractHistory").WithSummary("Section 3: history of the citizen's extracts");
        citizen.MapGet("/extracts/{code}/pdf", Pdf).WithName("GetExtractPdf").WithSummary("One extract as PDF")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        citizen.MapPost("/appeals", AppealAsync).WithName("AppealExamResult")
            .WithSummary("Appeal one of the citizen's exam results to the central commission")
            .WithDescription("`{referralNumber, reason}` within `Disability:Appeals:Period` of the result's decision (422 appeal-period-over after it); one appeal per result (409 appeal-exists); another person's referral is answered 404 unknown-referral, another person's FIN 403 not-your-data. The central commission decides within `Disability:Appeals:DecisionWorkingDays` working days.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        citizen.MapGet("/appeals", OwnAppeals).WithName("GetOwnAppeals").WithSummary("The citizen's appeals and their outcomes");
        citizen.MapGet("/verifications", WhoVerified).WithName("GetWhoVerified").WithSummary("Section 5: who verified the citizen's extracts");

        // The central commission; a (regional) commission member reaching for its endpoints is told it is not theirs.
        var appeals = api.MapGroup("/appeals").RequirePerson(CallerRoles.CentralCommission, CallerRoles.CommissionMember)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        appeals.MapGet("", PendingAppeals).WithName("ListPendingAppeals")
            .WithSummary("The central commission's pending appeals, soonest due first, each on-time, at-risk or overdue")
            .WithDescription("`deadline=at-risk` or `deadline=overdue` lists only those (400 invalid-deadline otherwise). Only the central commission (403 not-central-commission).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        appeals.MapGet("/{referralNumber}", GetAppeal).WithName("GetAppeal")
            .WithSummary("One appeal with the appealed case: the person, their records, the result")
            .WithDescription("The look is recorded in the hub's audit first (the citizen sees it, with the officer's role); when it cannot be, nothing is shown (503 audit-unavailable).")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        appeals.MapPost("/{referralNumber}/decision", DecideAppealAsync).WithName("DecideAppeal")
            .WithSummary("The central commission decides an appeal: the result confirmed, or changed into a new result that supersedes the first")
            .WithDescription("`{outcome: confirmed|changed, justification, percent, cause, startDate, recommendations}` (the result's fields for changed only, derived as a first result is). A changed result is a new case (`{referralNumber}-AP`) linked to the first; the citizen's extracts of the first then verify as superseded by an extract of the new one. Only the central commission (403 not-central-commission); once only (409 appeal-decided).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        api.MapGet("/verify/{code}", VerifyAsync).RequireSystem(CallerRoles.Verifier)
            .WithName("VerifyExtract")
            .WithSummary("Section 2: verify an extract by its code (the QR code's address)")
            .WithDescription("Answers the extract's essentials; every verification is recorded with the organisation and shown to the citizen.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapGet("/verifications", VerifiedBy).RequireSystem(CallerRoles.Verifier)
            .WithName("GetVerifiedByMe")
            .WithSummary("Section 4: extracts this organisation verified");

        api.MapPost("/last-exam", LastExamAsync).AllowAnonymous()
            .WithName("LookupLastExam")
            .WithSummary("Anonymous last-exam lookup")
            .WithDescription("ID card number + birth date → last result and next exam date or indefinite. One answer (404 no-matching-exam) for an unknown card, a wrong birth date or no exam; limited per client address and per card number (429, with Retry-After); every lookup recorded.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        api.MapPost("/call-centre/last-exam", CallCentreAsync).RequireSystem(CallerRoles.CallCentre)
            .WithName("CallCentreLastExam")
            .WithSummary("The 142 call centre's variant: keyed digits in, a short sentence for the voice menu out (text/plain)")
            .WithDescription("Every answer is a sentence to read out, the refusals too: 400 (digits or caller number wrong), 404 (no matching exam), 429 (too many lookups, with Retry-After).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            // Besides the sentence, a 400 is a problem when the caller number is not one or the body is not JSON.
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status429TooManyRequests, "text/plain");
        return api;
    }

    private static async Task<Results<Created<CaseView>, Accepted<CaseView>, Ok<CaseView>, ProblemHttpResult>> SubmitReferralAsync(
        ReferralRequest request, ReferralService referrals, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (c, created, problem) = await referrals.SubmitAsync(request, new ReferringDoctor(user.ActorId(), user.ClinicOf()!), cancellationToken);
        if (problem is not null) return problem.ToResult();
        var view = CaseView.Of(c!);
        var location = $"/api/v1/disability/referrals/{c!.ReferralNumber}";
        if (!created) return TypedResults.Ok(view);
        return c.Status == CaseStatus.AwaitingRecords ? TypedResults.Accepted(location, view) : TypedResults.Created(location, view);
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetCase(
        string referralNumber, IDisabilityStore store, ClaimsPrincipal user, OfficerLookAudit audit, CancellationToken cancellationToken)
    {
        var c = store.FindCase(referralNumber.Trim().ToUpperInvariant());
        // A clinic reads its own referrals; another clinic's is not theirs to know about, not even that it exists.
        if (c is null || (user.ClinicOf() is { } clinic && c.Clinic != clinic))
        {
            return new ApiProblem(404, DisabilityCodes.UnknownReferral, "No such referral.", "referralNumber").ToResult();
        }
        if (await LookAsync(user, c.ReferralNumber, c.Fin, SeenCase, audit, cancellationToken) is { } unavailable) return unavailable;
        return TypedResults.Ok(CaseView.Of(c));
    }

    /// <summary>What an officer's look shows, as the citizen's "who looked" view names it.</summary>
    public const string SeenCase = "referral-case";

    public const string SeenAppeal = "appeal-case";

    /// <summary>The officer roles that read a person's case here, in the order a token's role is looked for.</summary>
    private static readonly string[] OfficerRoles = [CallerRoles.CentralCommission, CallerRoles.CommissionMember, CallerRoles.ClinicDoctor];

    /// <summary>
    /// Records the officer's look at the person's case in the hub's audit before it is shown (the one mechanism,
    /// <see cref="OfficerLookAudit"/>); a problem (503 audit-unavailable) when it could not be, and then nothing is shown.
    /// </summary>
    private static async Task<ProblemHttpResult?> LookAsync(ClaimsPrincipal user, string caseNumber, string fin, string seen, OfficerLookAudit audit, CancellationToken cancellationToken)
    {
        var role = OfficerRoles.First(user.IsInRole);
        var answer = await audit.RecordAsync(
            new OfficerLook(ReferralService.RequestingSubsystem, user.ActorId(), role, ReferralService.Purpose, caseNumber, fin, [fin], seen), cancellationToken);
        return answer.Recorded ? null : ProblemResults.LookNotRecorded();
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> DecideAsync(
        string referralNumber, ExamResultRequest request, ExamService exams, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (c, problem) = await exams.DecideAsync(referralNumber, request, user.ActorId(), cancellationToken);
        return problem is not null ? problem.ToResult() : TypedResults.Ok(CaseView.Of(c!));
    }

    private static Results<Ok<IReadOnlyList<ExamEntry>>, ProblemHttpResult> Register(string fin, ExtractService extracts, ClaimsPrincipal user) =>
        OwnFin(fin, user, out var parsed) is { } bad ? bad : TypedResults.Ok(extracts.Register(parsed));

    private static async Task<Results<Created<ExtractEntry>, ProblemHttpResult>> IssueAsync(
        string fin, IssueExtractRequest? request, ExtractService extracts, ClaimsPrincipal user, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        if (OwnFin(fin, user, out var parsed) is { } bad) return bad;
        var (extract, problem) = await extracts.IssueAsync(parsed, request?.ReferralNumber, user.ActorId(), cancellationToken);
        if (problem is not null) return problem.ToResult();
        uses.Count(EServiceKeys.DisabilityExamExtract, EServiceChannel.Portal);
        return TypedResults.Created($"/api/v1/disability/citizens/{parsed.Value}/extracts/{extract!.Code}/pdf", extract);
    }

    private static Results<Ok<IReadOnlyList<ExtractEntry>>, ProblemHttpResult> History(string fin, ExtractService extracts, ClaimsPrincipal user) =>
        OwnFin(fin, user, out var parsed) is { } bad ? bad : TypedResults.Ok(extracts.History(parsed));

    private static Results<FileContentHttpResult, ProblemHttpResult> Pdf(string fin, string code, ExtractService extracts, ClaimsPrincipal user)
    {
        if (OwnFin(fin, user, out var parsed) is { } bad) return bad;
        var pdf = extracts.Pdf(parsed, code);
        return pdf is null
            ? new ApiProblem(404, DisabilityCodes.UnknownCode, "This person has no extract with this code.", "code").ToResult()
            : TypedResults.File(pdf, "application/pdf", $"extract-{code}.pdf");
    }

    private static async Task<Results<Created<AppealView>, ProblemHttpResult>> AppealAsync(
        string fin, AppealRequest request, AppealService appeals, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (OwnFin(fin, user, out var parsed) is { } bad) return bad;
        var (appeal, problem) = await appeals.FileAsync(parsed, request, cancellationToken);
        return problem is not null ? problem.ToResult() : TypedResults.Created($"/api/v1/disability/citizens/{parsed.Value}/appeals", appeal!);
    }

    private static Results<Ok<IReadOnlyList<AppealView>>, ProblemHttpResult> OwnAppeals(string fin, AppealService appeals, ClaimsPrincipal user) =>
        OwnFin(fin, user, out var parsed) is { } bad ? bad : TypedResults.Ok(appeals.OfCitizen(parsed));

    private static Results<Ok<IReadOnlyList<AppealView>>, ProblemHttpResult> PendingAppeals(string? deadline, AppealService appeals, ClaimsPrincipal user)
    {
        if (NotCentralCommission(user) is { } refused) return refused;
        if (deadline is not (null or AppealService.DeadlineAtRisk or AppealService.DeadlineOverdue or AppealService.DeadlineOnTime))
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidDeadline, "deadline is on-time, at-risk or overdue.", "deadline").ToResult();
        }
        return TypedResults.Ok(appeals.Pending(deadline));
    }

    private static async Task<Results<Ok<AppealCase>, ProblemHttpResult>> GetAppeal(
        string referralNumber, AppealService appeals, ClaimsPrincipal user, OfficerLookAudit audit, CancellationToken cancellationToken)
    {
        if (NotCentralCommission(user) is { } refused) return refused;
        if (appeals.Find(referralNumber) is not { } found)
        {
            return new ApiProblem(404, DisabilityCodes.UnknownAppeal, "No appeal against this referral.", "referralNumber").ToResult();
        }
        if (await LookAsync(user, found.Appeal.ReferralNumber, found.Appeal.Fin, SeenAppeal, audit, cancellationToken) is { } unavailable) return unavailable;
        return TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<AppealView>, ProblemHttpResult>> DecideAppealAsync(
        string referralNumber, AppealDecisionRequest request, AppealService appeals, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (NotCentralCommission(user) is { } refused) return refused;
        var (appeal, problem) = await appeals.DecideAsync(referralNumber, request, user.ActorId(), cancellationToken);
        return problem is not null ? problem.ToResult() : TypedResults.Ok(appeal!);
    }

    /// <summary>Appeals are the central commission's: a commission member (who may have decided the first result) is refused by name.</summary>
    private static ProblemHttpResult? NotCentralCommission(ClaimsPrincipal user) =>
        user.IsInRole(CallerRoles.CentralCommission)
            ? null
            : new ApiProblem(403, DisabilityCodes.NotCentralCommission, "Appeals are decided by the central commission only (role central-commission).").ToResult();

    private static Results<Ok<IReadOnlyList<VerificationEntry>>, ProblemHttpResult> WhoVerified(string fin, ExtractService extracts, ClaimsPrincipal user) =>
        OwnFin(fin, user, out var parsed) is { } bad ? bad : TypedResults.Ok(extracts.WhoVerified(parsed));

    private static async Task<Results<Ok<VerifiedExtract>, ProblemHttpResult>> VerifyAsync(
        string code, ExtractService extracts, ClaimsPrincipal user, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        var (extract, problem) = await extracts.VerifyAsync(code, user.ActorId(), cancellationToken);
        if (problem is not null) return problem.ToResult();
        uses.Count(EServiceKeys.ExtractVerification, EServiceChannel.Api);
        return TypedResults.Ok(extract!);
    }

    private static Ok<IReadOnlyList<VerificationEntry>> VerifiedBy(ExtractService extracts, ClaimsPrincipal user) =>
        TypedResults.Ok(extracts.VerifiedBy(user.ActorId()));

    private static async Task<Results<Ok<LastExam>, ProblemHttpResult>> LastExamAsync(
        LastExamRequest request, LastExamLookup lookup, HttpContext http, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var answer = await lookup.FindAsync(request.IdCardNumber, request.BirthDate, client, LastExamLookup.WebChannel, cancellationToken);
        CountLookup(uses, answer, EServiceChannel.Portal);
        return answer.Outcome switch
        {
            LookupOutcome.Answered => TypedResults.Ok(answer.Exam!),
            LookupOutcome.Limited => Limited(http, answer),
            LookupOutcome.InvalidIdCard => ApiProblem.BadRequest(DisabilityCodes.InvalidIdCard, "An ID card number is AZE + 8 digits or AA + 7 digits.", "idCardNumber").ToResult(),
            LookupOutcome.InvalidBirthDate => ApiProblem.BadRequest(DisabilityCodes.InvalidBirthDate, $"The birth date is yyyy-MM-dd, from {LastExamLookup.EarliestBirthDate:yyyy-MM-dd} to today.", "birthDate").ToResult(),
            _ => NoMatch(),
        };
    }

    private static async Task<IResult> CallCentreAsync(CallCentreRequest request, LastExamLookup lookup, HttpContext http, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryParse(request.CallerNumber?.Trim(), out var caller, out var phoneError))
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidCallerNumber, phoneError, "callerNumber").ToResult();
        }
        var digits = request.IdDigits?.Trim() ?? "";
        var card = digits.Length switch { 8 => "AZE" + digits, 7 => "AA" + digits, _ => digits };
        var birth = DateOnly.TryParseExact(request.BirthDigits?.Trim(), "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var b)
            ? b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : request.BirthDigits;
        var answer = await lookup.FindAsync(card, birth, caller.Value, LastExamLookup.CallCentreChannel, cancellationToken);
        CountLookup(uses, answer, EServiceChannel.CallCentre);
        if (answer.Outcome == LookupOutcome.Limited) SetRetryAfter(http, answer);
        var status = answer.Outcome switch
        {
            LookupOutcome.Answered => StatusCodes.Status200OK,
            LookupOutcome.NoMatch => StatusCodes.Status404NotFound,
            LookupOutcome.Limited => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        return TypedResults.Text(CallCentreText.For(answer), "text/plain; charset=utf-8", statusCode: status);
    }

    /// <summary>A lookup that was made is a use, whether it found an exam or not; one refused as malformed or by a limit is not.</summary>
    private static void CountLookup(IEServiceCounter uses, LookupAnswer answer, EServiceChannel channel)
    {
        if (answer.Outcome is LookupOutcome.Answered or LookupOutcome.NoMatch) uses.Count(EServiceKeys.LastExamLookup, channel);
    }

    /// <summary>One answer for an unknown card, a wrong birth date and no exam: nothing tells them apart.</summary>
    private static ProblemHttpResult NoMatch() =>
        new ApiProblem(404, DisabilityCodes.NoMatchingExam, "No exam matches this ID card number and birth date.").ToResult();

    private static ProblemHttpResult Limited(HttpContext http, LookupAnswer answer)
    {
        SetRetryAfter(http, answer);
        return new ApiProblem(429, DisabilityCodes.TooManyLookups, LastExamLookup.LimitedDetail).ToResult();
    }

    private static void SetRetryAfter(HttpContext http, LookupAnswer answer) =>
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(answer.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The route's FIN when it is well-formed and the token holder's own.</summary>
    private static ProblemHttpResult? OwnFin(string text, ClaimsPrincipal user, out Fin fin)
    {
        if (!Fin.TryParse(text, out var parsed, out var error))
        {
            fin = null!;
            return ApiProblem.BadRequest(DisabilityCodes.InvalidFin, error, "fin").ToResult();
        }
        fin = parsed;
        return user.RefuseUnlessOwn(parsed.Value);
    }
}
