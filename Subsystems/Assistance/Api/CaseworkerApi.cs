using System.Security.Claims;
using IntegrationHub.Contracts.Text;
using IntegrationHub.Statistics;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Assistance.Api;

/// <summary>
/// People in the loop: the caseworker claims a case from the queue, sees what the machine saw and decides (or asks the
/// citizen for a document); the citizen previews the data their decision used, contests an item, and appeals a refusal.
/// Every look of a caseworker at a citizen's data is recorded in the hub's audit first (<see cref="OfficerLookAudit"/>).
/// </summary>
public static class CaseworkerApi
{
    /// <summary>What an officer's look shows, as the citizen's "who looked" view names it.</summary>
    public const string SeenCaseSnapshot = "case-snapshot";
    public const string SeenDecision = "decision";
    public const string SeenContestDocument = "contest-document";

    public const int MaxJustification = 2000;
    public const int MinJustification = 10;

    public static void MapCaseworkerApiV1(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var caseworker = api.MapGroup("/").RequirePerson(CallerRoles.Caseworker);
        caseworker.MapGet("/cases/{number}", CaseAsync).WithName("GetAssistanceCase")
            .WithSummary("A case as the caseworker works it: the profile snapshot the machine had, what data is missing, what the rules found, the claim, contests, appeals and decisions")
            .WithDescription("The look is recorded in the hub's audit first (the citizen sees it with the caseworker's role); the audit unreachable: 503 audit-unavailable, nothing shown.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        caseworker.MapPost("/cases/{number}/claim", ClaimAsync).WithName("ClaimAssistanceCase")
            .WithSummary("Takes a case from the queue for Assistance:Caseworkers:ClaimDuration (2 h): nobody else decides it meanwhile; taking it again renews the claim")
            .WithDescription("Held by another caseworker: 409 case-claimed (with claimedUntil). Nothing to do on it (decided and no open appeal or contest, or still with the machine): 409 not-in-queue.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        caseworker.MapPost("/cases/{number}/decision", DecideAsync).WithName("DecideAssistanceCase")
            .WithSummary("Records the caseworker's decision on a claimed case: approve with an amount, refuse with reasons among the 7, or request a document; always with a written justification")
            .WithDescription("approve/refuse: 201 with the decision, stored like the machine's (rule version, snapshot, figures the rules found) with the caseworker as author, notified on the declared channel. With an appeal open it is the appeal's outcome (kind appeal-outcome, superseding the decision appealed), and the caseworker who made that decision may not make it (409 appeal-needs-another-caseworker). request-document: 202, the citizen is notified; the case stays with the caseworker and the 15-working-day clock runs on. Not holding the claim: 409 claim-required; decided already: 409 already-decided.")
            .Accepts<ManualDecisionRequest>("application/json")
            .Produces<DocumentRequested>(StatusCodes.Status202Accepted)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        caseworker.MapGet("/contests/{contestId}/document", ContestDocumentAsync).WithName("GetContestDocument")
            .WithSummary("The document a citizen attached to a contest (PDF or JPEG), as received; the look is recorded in the hub's audit first")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf", "image/jpeg")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        caseworker.MapPost("/contests/{contestId}/resolution", ResolveContestAsync).WithName("ResolveAssistanceContest")
            .WithSummary("Closes a contest on a case the caseworker holds: upheld (the data was wrong) or rejected, with a justification")
            .Accepts<ContestResolutionRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        var citizen = api.MapGroup("/applications/{number}").RequirePerson(CallerRoles.Citizen);
        citizen.MapGet("/preview", Preview).WithName("PreviewAssistanceData")
            .WithSummary("What each agency said about the household as the decision in force used it (only what the purpose allowed), item by item, for contesting")
            .WithDescription("The citizen's own application only (another's: 404 unknown-application); before a decision: 404 not-decided.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        citizen.MapPost("/contests", ContestAsync).WithName("ContestAssistanceItem")
            .WithSummary("Contests one item of the preview with a comment and an optional document (PDF or JPEG, base64, at most Assistance:Caseworkers:MaxDocumentBytes)")
            .WithDescription("The type is checked by the document's first bytes, not by its name (415 unsupported-document-type); too large: 413 document-too-large. The contest enters the caseworker queue, and a correction request goes to the agency that gave the item.")
            .Accepts<ContestRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        citizen.MapGet("/contests", OwnContests).WithName("ListAssistanceContests")
            .WithSummary("The citizen's contests on the application, with where each stands and the agency's correction")
            .ProducesProblem(StatusCodes.Status404NotFound);
        citizen.MapPost("/appeals", AppealAsync).WithName("AppealAssistanceDecision")
            .WithSummary("Appeals the refusal in force within Assistance:Caseworkers:AppealPeriodMonths (1) of its day; a caseworker other than the one who decided reviews it by its due date")
            .WithDescription("201 with the appeal; an appeal already open is 200 with it. No refusal in force: 409 not-appealable; after the period: 422 appeal-period-over (with lastDay).")
            .Accepts<AppealRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        citizen.MapGet("/appeals", OwnAppeals).WithName("ListAssistanceAppeals")
            .WithSummary("The citizen's appeals on the application, with their outcome")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/people/statistics", PeopleStatistics)
            .WithName("AssistancePeopleStatistics")
            .WithSummary("Manual decisions, contests and appeals of a month (month=yyyy-MM, default this month) with their outcomes (counts only, open like /metrics)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    // ---- the caseworker ----

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> CaseAsync(
        string number, ClaimsPrincipal user, AssistanceStore store, WorkingCalendar calendar, TimeProvider time, OfficerLookAudit audit, CancellationToken cancellationToken)
    {
        if (store.Find(number) is not { } app) return UnknownApplication(number);
        if (await LookAsync(user, app, SeenCaseSnapshot, app.Household, audit, cancellationToken) is { } unavailable) return unavailable;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var findings = app.FindingsJson is { Length: > 0 } f ? JsonSerializer.Deserialize<MeansTestResult>(f, AssistanceStore.Json) : null;
        var decisions = store.DecisionsOf(number);
        var snapshot = app.SnapshotJson is { Length: > 0 } s ? s : decisions.LastOrDefault()?.ProfileJson;
        return TypedResults.Ok(new CaseView(
            CaseSummary.From(app, calendar, today), app.ApplicationDate, app.ClaimedUntil > time.GetUtcNow() ? app.ClaimedBy : null, app.ClaimedUntil > time.GetUtcNow() ? app.ClaimedUntil : null,
            string.IsNullOrEmpty(snapshot) ? null : JsonSerializer.Deserialize<JsonElement>(snapshot),
            findings?.MissingData ?? [], findings, app.DocumentRequest,
            decisions.Select(d => DecisionView.From(d, JsonSerializer.Deserialize<MeansTestResult>(d.ResultJson, AssistanceStore.Json)!)).ToList(),
            store.ContestsOf(number).Select(ContestView.Of).ToList(),
            store.AppealsOf(number).Select(a => AppealView.Of(a, null)).ToList()));
    }

    /// <summary>Records the caseworker's look in the hub's audit; a problem (503) when it could not be, and then nothing is shown.</summary>
    internal static async Task<ProblemHttpResult?> LookAsync(ClaimsPrincipal user, ApplicationRecord app, string seen, IEnumerable<string> subjects, OfficerLookAudit audit, CancellationToken cancellationToken)
    {
        var people = subjects.Prepend(app.Applicant).Distinct(StringComparer.Ordinal).ToList();
        var answer = await audit.RecordAsync(new OfficerLook(AssistanceApi.Subsystem, user.ActorId(), CallerRoles.Caseworker, Processing.CaseWorker.Purpose, app.Id, app.Applicant, people, seen), cancellationToken);
        return answer.Recorded ? null : ProblemResults.LookNotRecorded();
    }

    private static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> ClaimAsync(
        string number, ClaimsPrincipal user, AssistanceStore store, IOptions<AssistanceOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await store.ClaimAsync(number, user.ActorId(), time.GetUtcNow(), options.Value.Caseworkers.ClaimDuration, cancellationToken);
        return result.Outcome switch
        {
            ClaimOutcome.Claimed => TypedResults.Ok(new ClaimView(number, result.Holder!, result.Until!.Value)),
            ClaimOutcome.HeldByAnother => Claimed(number, result.Until!.Value),
            ClaimOutcome.NotInQueue => ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.NotInQueue,
                $"Application {number} has nothing for a caseworker: it is decided with no open appeal or contest, or still with the machine.", "number"),
            _ => UnknownApplication(number),
        };
    }

    private static ProblemHttpResult Claimed(string number, DateTimeOffset until)
    {
        var problem = ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.CaseClaimed,
            $"Another caseworker holds application {number} until {until:yyyy-MM-ddTHH:mm:ssZ}.", "number");
        problem.ProblemDetails.Extensions["claimedUntil"] = until;
        return problem;
    }

    private static async Task<Results<Created<DecisionView>, Accepted<DocumentRequested>, ProblemHttpResult>> DecideAsync(
        string number, ManualDecisionRequest request, ClaimsPrincipal user, AssistanceStore store, IOptions<AssistanceOptions> options, TimeProvider time,
        OutboxWakeup outbox, CancellationToken cancellationToken)
    {
        var (decision, document, problem) = Validate(request);
        if (problem is not null) return problem;
        var officer = user.ActorId();
        var now = time.GetUtcNow();
        if (document is not null)
        {
            var asked = await store.RequestDocumentAsync(number, officer, document, request.Justification!, now, cancellationToken);
            if (asked is null) return UnknownApplication(number);
            if (asked == false) return ClaimRequired(number);
            outbox.Wakeup.Signal();
            return TypedResults.Accepted($"/api/v1/assistance/cases/{number}", new DocumentRequested(number, document, now));
        }
        var result = await store.DecideManuallyAsync(number, officer, decision!, options.Value.Rules, now, cancellationToken);
        switch (result.Outcome)
        {
            case ManualOutcome.Decided:
                outbox.Wakeup.Signal();
                var stored = result.Decision!;
                return TypedResults.Created($"/api/v1/assistance/decisions/{number}",
                    DecisionView.From(stored, JsonSerializer.Deserialize<MeansTestResult>(stored.ResultJson, AssistanceStore.Json)!));
            case ManualOutcome.NotClaimed:
                return ClaimRequired(number);
            case ManualOutcome.AlreadyDecided:
                return ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.AlreadyDecided, $"Application {number} is decided ({result.Decision!.Id}) and no appeal is open.", "number");
            case ManualOutcome.SameCaseworker:
                return ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.AppealNeedsAnotherCaseworker,
                    $"Appeal {result.Appeal!.Id} is against this caseworker's own decision: another caseworker reviews it.", "number");
            case ManualOutcome.NotInQueue:
                return ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.NotInQueue, $"Application {number} is not with a caseworker yet.", "number");
            default:
                return UnknownApplication(number);
        }
    }

    private static ProblemHttpResult ClaimRequired(string number) =>
        ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.ClaimRequired, $"Claim application {number} first (POST .../cases/{number}/claim): only the caseworker holding it acts on it.", "number");

    internal static (ManualDecision? Decision, string? Document, ProblemHttpResult? Problem) Validate(ManualDecisionRequest? request)
    {
        if (request is null) return (null, null, ProblemResults.BadRequest(AssistanceProblems.InvalidOutcome, "A body with outcome (approve, refuse or request-document) and justification is required.", "outcome"));
        if (Justification(request.Justification, "justification") is { } bad) return (null, null, bad);
        switch (request.Outcome)
        {
            case "approve":
                if (request.MonthlyAmount is not { } amount || amount < 0.01m || amount > 10000m || decimal.Round(amount, 2) != amount)
                {
                    return (null, null, ProblemResults.BadRequest(AssistanceProblems.InvalidAmount, "monthlyAmount: the monthly amount in AZN, 0.01-10000 with at most two decimals.", "monthlyAmount"));
                }
                if (request.Reasons is { Count: > 0 }) return (null, null, ProblemResults.BadRequest(AssistanceProblems.InvalidRefusalReason, "An approval gives no refusal reasons.", "reasons"));
                return (new ManualDecision(MeansTestOutcome.Approved, amount, [], request.Justification!.Trim()), null, null);
            case "refuse":
                if (request.Reasons is not { Count: > 0 } reasons || reasons.Any(r => !RefusalReasons.All.Contains(r)) || reasons.Distinct().Count() != reasons.Count)
                {
                    return (null, null, ProblemResults.BadRequest(AssistanceProblems.InvalidRefusalReason, $"reasons: one or more of the 7 refusal reasons, each once ({string.Join(", ", RefusalReasons.All)}).", "reasons"));
                }
                if (request.MonthlyAmount is not null) return (null, null, ProblemResults.BadRequest(AssistanceProblems.InvalidAmount, "A refusal has no monthly amount.", "monthlyAmount"));
                return (new ManualDecision(MeansTestOutcome.Refused, null, reasons, request.Justification!.Trim()), null, null);
            case "request-document":
                if (string.IsNullOrWhiteSpace(request.Document) || request.Document.Length > 200 || TextInput.CheckLine(request.Document, "document") is not null)
                {
                    return (null, null, ProblemResults.BadRequest(AssistanceProblems.InvalidDocumentRequest, "document: what the citizen is to bring, 1-200 characters on one line.", "document"));
                }
                return (null, request.Document.Trim(), null);
            default:
                return (null, null, ProblemResults.BadRequest(AssistanceProblems.InvalidOutcome, "outcome: approve, refuse or request-document.", "outcome"));
        }
    }

    private static ProblemHttpResult? Justification(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) || text.Trim().Length < MinJustification || text.Length > MaxJustification || TextInput.CheckMultiLine(text, field) is not null
            ? ProblemResults.BadRequest(AssistanceProblems.JustificationRequired, $"{field}: a written justification, {MinJustification}-{MaxJustification} characters.", field)
            : null;

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ContestDocumentAsync(
        string contestId, ClaimsPrincipal user, AssistanceStore store, OfficerLookAudit audit, CancellationToken cancellationToken)
    {
        if (store.FindContest(contestId) is not { DocumentId: { } documentId } contest || store.FindDocument(documentId) is not { } document || store.Find(contest.ApplicationNumber) is not { } app)
        {
            return ProblemResults.Create(StatusCodes.Status404NotFound, AssistanceProblems.UnknownContest, $"No contest {contestId} with a document.", "contestId");
        }
        if (await LookAsync(user, app, SeenContestDocument, [contest.Fin, contest.Member], audit, cancellationToken) is { } unavailable) return unavailable;
        return TypedResults.File(document.Bytes, document.ContentType, document.FileName);
    }

    private static async Task<Results<Ok<ContestView>, ProblemHttpResult>> ResolveContestAsync(
        string contestId, ContestResolutionRequest request, ClaimsPrincipal user, AssistanceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request?.State is not (ContestStates.Upheld or ContestStates.Rejected))
        {
            return ProblemResults.BadRequest(AssistanceProblems.InvalidResolution, "state: upheld or rejected.", "state");
        }
        if (Justification(request.Justification, "justification") is { } bad) return bad;
        var done = await store.ResolveContestAsync(contestId, user.ActorId(), request.State, request.Justification!.Trim(), time.GetUtcNow(), cancellationToken);
        if (done is null) return ProblemResults.Create(StatusCodes.Status404NotFound, AssistanceProblems.UnknownContest, $"No contest {contestId}.", "contestId");
        if (done == false)
        {
            return ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.ClaimRequired, $"Contest {contestId} is closed, or its case is not claimed by this caseworker.", "contestId");
        }
        return TypedResults.Ok(ContestView.Of(store.FindContest(contestId)!));
    }

    // ---- the citizen ----

    private static Results<Ok<DataPreview>, ProblemHttpResult> Preview(string number, ClaimsPrincipal user, AssistanceStore store)
    {
        if (store.Find(number) is not { } app || app.Applicant != user.CitizenFin()) return UnknownApplication(number);
        if (store.CurrentDecision(number) is not { } decision || string.IsNullOrEmpty(decision.ProfileJson)) return NotDecided(number);
        return TypedResults.Ok(DataPreview.Of(number, decision));
    }

    private static async Task<Results<Created<ContestView>, ProblemHttpResult>> ContestAsync(
        string number, ContestRequest request, ClaimsPrincipal user, AssistanceStore store, IOptions<AssistanceOptions> options, TimeProvider time,
        ContestWakeup corrections, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        if (store.Find(number) is not { } app || app.Applicant != user.CitizenFin()) return UnknownApplication(number);
        if (store.CurrentDecision(number) is not { } decision || string.IsNullOrEmpty(decision.ProfileJson)) return NotDecided(number);
        if (string.IsNullOrWhiteSpace(request?.Item))
        {
            return ProblemResults.BadRequest(AssistanceProblems.UnknownItem, "item: one item of the preview (its \"item\", e.g. \"{FIN}:vehicles\").", "item");
        }
        var item = DataPreview.Of(number, decision).Members.SelectMany(m => m.Items).FirstOrDefault(i => i.Item == request.Item);
        if (item is null) return ProblemResults.BadRequest(AssistanceProblems.UnknownItem, $"item: {request.Item} is not an item of this decision's preview.", "item");
        if (string.IsNullOrWhiteSpace(request.Comment) || request.Comment.Length > 2000 || TextInput.CheckMultiLine(request.Comment, "comment") is not null)
        {
            return ProblemResults.BadRequest(AssistanceProblems.CommentRequired, "comment: what is wrong with the item, 1-2000 characters.", "comment");
        }
        DocumentRecord? document = null;
        if (request.Document is { } attached)
        {
            var (checkedDocument, problem) = ContestDocuments.Check(attached, options.Value.Caseworkers.MaxDocumentBytes);
            if (problem is not null) return problem;
            document = checkedDocument;
        }
        var contest = await store.ContestAsync(new ContestRecord
        {
            ApplicationNumber = number, Fin = app.Applicant, DecisionId = decision.Id, Item = item.Item, Member = item.Fin, DataSet = item.DataSet,
            Agency = item.Agency ?? "", Comment = request.Comment.Trim(),
        }, document, time.GetUtcNow(), cancellationToken);
        uses.Count(EServiceKeys.AssistanceContest, EServiceChannel.Portal);
        corrections.Wakeup.Signal();
        return TypedResults.Created($"/api/v1/assistance/applications/{number}/contests", ContestView.Of(contest));
    }

    private static Results<Ok<IReadOnlyList<ContestView>>, ProblemHttpResult> OwnContests(string number, ClaimsPrincipal user, AssistanceStore store)
    {
        if (store.Find(number) is not { } app || app.Applicant != user.CitizenFin()) return UnknownApplication(number);
        return TypedResults.Ok<IReadOnlyList<ContestView>>(store.ContestsOf(number).Select(ContestView.Of).ToList());
    }

    private static async Task<Results<Created<AppealView>, Ok<AppealView>, ProblemHttpResult>> AppealAsync(
        string number, AppealRequest request, ClaimsPrincipal user, AssistanceStore store, WorkingCalendar calendar, IOptions<AssistanceOptions> options, TimeProvider time,
        IEServiceCounter uses, CancellationToken cancellationToken)
    {
        if (Justification(request?.Grounds, "grounds") is { } bad) return bad;
        var settings = options.Value.Caseworkers;
        var result = await store.AppealAsync(number, user.CitizenFin()!, request!.Grounds!.Trim(), time.GetUtcNow(), settings.AppealPeriodMonths, settings.AppealReviewWorkingDays, calendar, cancellationToken);
        switch (result.Outcome)
        {
            case AppealOutcome.Created:
                uses.Count(EServiceKeys.AssistanceAppeal, EServiceChannel.Portal);
                return TypedResults.Created($"/api/v1/assistance/applications/{number}/appeals", AppealView.Of(result.Appeal!, result.LastDay));
            case AppealOutcome.Pending:
                return TypedResults.Ok(AppealView.Of(result.Appeal!, null));
            case AppealOutcome.NotAppealable:
                return ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.NotAppealable, $"Application {number} has no refusal in force to appeal.", "number");
            case AppealOutcome.PeriodOver:
                var problem = ProblemResults.Create(StatusCodes.Status422UnprocessableEntity, AssistanceProblems.AppealPeriodOver,
                    $"The refusal could be appealed through {result.LastDay:yyyy-MM-dd}.", "number");
                problem.ProblemDetails.Extensions["lastDay"] = result.LastDay!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return problem;
            default:
                return UnknownApplication(number);
        }
    }

    private static Results<Ok<IReadOnlyList<AppealView>>, ProblemHttpResult> OwnAppeals(string number, ClaimsPrincipal user, AssistanceStore store)
    {
        if (store.Find(number) is not { } app || app.Applicant != user.CitizenFin()) return UnknownApplication(number);
        return TypedResults.Ok<IReadOnlyList<AppealView>>(store.AppealsOf(number).Select(a => AppealView.Of(a, null)).ToList());
    }

    private static Results<Ok<PeopleCounts>, ProblemHttpResult> PeopleStatistics(string? month, AssistanceStore store, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var (year, m) = (now.Year, now.Month);
        if (month is not null)
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || first.Year is < 2000 or > 2099)
            {
                return ProblemResults.BadRequest(AssistanceProblems.InvalidMonth, "month: yyyy-MM, between 2000-01 and 2099-12.", "month");
            }
            (year, m) = (first.Year, first.Month);
        }
        return TypedResults.Ok(store.PeopleCountsOf(year, m));
    }

    private static ProblemHttpResult UnknownApplication(string number) =>
        ProblemResults.Create(StatusCodes.Status404NotFound, AssistanceProblems.UnknownApplication, $"No application {number}.", "number");

    private static ProblemHttpResult NotDecided(string number) =>
        ProblemResults.Create(StatusCodes.Status404NotFound, AssistanceProblems.NotDecided, $"Application {number} has no decision yet.", "number");
}

/// <param name="Outcome">approve, refuse or request-document.</param>
/// <param name="MonthlyAmount">For approve: AZN a month, 0.01-10000.</param>
/// <param name="Reasons">For refuse: codes among the 7 refusal reasons (declaration-mismatch, income-above-threshold, large-transactions, vehicle, refused-job-offers, high-utilities, multiple-properties).</param>
/// <param name="Document">For request-document: what the citizen is to bring.</param>
/// <param name="Justification">Always: why, in words (10-2000 characters).</param>
public sealed record ManualDecisionRequest(string? Outcome, decimal? MonthlyAmount, IReadOnlyList<string>? Reasons, string? Document, string? Justification);

public sealed record DocumentRequested(string ApplicationNumber, string Document, DateTimeOffset RequestedAt);

public sealed record ClaimView(string ApplicationNumber, string ClaimedBy, DateTimeOffset ClaimedUntil);

/// <param name="Snapshot">The household profile the machine had (the last one for a case with a caseworker, else the decision's), as the hub gave it.</param>
/// <param name="MissingData">What the rules could not decide without.</param>
/// <param name="Findings">What the rules found on the snapshot (referrals, reasons, figures).</param>
public sealed record CaseView(CaseSummary Case, DateOnly ApplicationDate, string? ClaimedBy, DateTimeOffset? ClaimedUntil, JsonElement? Snapshot,
    IReadOnlyList<string> MissingData, MeansTestResult? Findings, string? DocumentRequested,
    IReadOnlyList<DecisionView> Decisions, IReadOnlyList<ContestView> Contests, IReadOnlyList<AppealView> Appeals);

/// <param name="Item">The item to name in a contest.</param>
/// <param name="Document">An optional PDF or JPEG: its file name and its bytes in base64.</param>
public sealed record ContestRequest(string? Item, string? Comment, ContestDocumentRequest? Document);

public sealed record ContestDocumentRequest(string? FileName, string? ContentBase64);

/// <param name="State">upheld or rejected.</param>
public sealed record ContestResolutionRequest(string? State, string? Justification);

/// <param name="Grounds">Why the refusal is wrong, in the citizen's words (10-2000 characters).</param>
public sealed record AppealRequest(string? Grounds);

/// <param name="State">open, upheld or rejected.</param>
/// <param name="CorrectionState">unsent, received, corrected or rejected: where the correction request to the agency stands.</param>
public sealed record ContestView(string ContestId, string ApplicationNumber, string DecisionId, string Item, string DataSet, string Agency, string Comment,
    string? DocumentType, long? DocumentSize, DateTimeOffset CreatedAt, string State, string? Resolution, DateTimeOffset? ResolvedAt,
    string? CorrectionId, string CorrectionState, string? CorrectionNote)
{
    public static ContestView Of(ContestRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.ApplicationNumber, c.DecisionId, c.Item, c.DataSet, c.Agency, c.Comment, c.DocumentType, c.DocumentSize, c.CreatedAt, c.State,
            c.Resolution, c.ResolvedAt, c.CorrectionId, c.CorrectionState, c.CorrectionNote);
    }
}

/// <param name="State">open or decided.</param>
/// <param name="Outcome">Once decided: upheld (the same outcome and amount) or changed.</param>
/// <param name="OutcomeDecisionId">The new decision (kind appeal-outcome), superseding <paramref name="DecisionId"/>.</param>
/// <param name="LastDayToAppeal">On the answer to the appeal itself: the last day of the period.</param>
public sealed record AppealView(string AppealId, string ApplicationNumber, string DecisionId, string Grounds, DateTimeOffset CreatedAt, DateOnly DueDate, string State,
    string? Outcome, string? OutcomeDecisionId, DateTimeOffset? DecidedAt, DateOnly? LastDayToAppeal)
{
    public static AppealView Of(AppealRecord a, DateOnly? lastDay)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.ApplicationNumber, a.DecisionId, a.Grounds, a.CreatedAt, a.DueDate, a.State, a.Outcome, a.OutcomeDecisionId, a.DecidedAt, lastDay);
    }
}

/// <summary>What each agency said about the household, as the decision in force used it: only the data sets the purpose allowed, item by item.</summary>
public sealed record DataPreview(string ApplicationNumber, string DecisionId, IReadOnlyList<PreviewMember> Members)
{
    public static DataPreview Of(string number, DecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        using var profile = JsonDocument.Parse(decision.ProfileJson);
        var members = new List<PreviewMember>();
        if (profile.RootElement.TryGetProperty("members", out var list))
        {
            foreach (var member in list.EnumerateArray())
            {
                var fin = member.GetProperty("fin").GetString()!;
                var relation = member.TryGetProperty("relation", out var r) ? r.ToString() : "";
                members.Add(new PreviewMember(fin, relation, Items(fin, member)));
            }
        }
        if (profile.RootElement.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.Object)
        {
            members.Add(new PreviewMember("address", "Address", Items("address", address)));
        }
        return new DataPreview(number, decision.Id, members);
    }

    /// <summary>Every data set of <paramref name="owner"/> the hub returned (a status other than not-permitted), with its agency and what it said.</summary>
    private static List<PreviewItem> Items(string owner, JsonElement element)
    {
        var items = new List<PreviewItem>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object || !property.Value.TryGetProperty("status", out var status)) continue;
            var state = status.ToString();
            if (string.Equals(state, "NotPermitted", StringComparison.OrdinalIgnoreCase)) continue;
            string? agency = null;
            DateTimeOffset? fetchedAt = null;
            if (property.Value.TryGetProperty("provenance", out var provenance) && provenance.ValueKind == JsonValueKind.Object)
            {
                if (provenance.TryGetProperty("agency", out var a) && a.ValueKind == JsonValueKind.String) agency = a.GetString();
                if (provenance.TryGetProperty("fetchedAt", out var t) && t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var at)) fetchedAt = at;
            }
            var data = property.Value.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d.Clone() : (JsonElement?)null;
            items.Add(new PreviewItem(owner + ":" + property.Name, owner, property.Name, agency, state, fetchedAt, data));
        }
        return items;
    }
}

/// <param name="Fin">The member, or "address" for what was asked about the registered address (utilities).</param>
public sealed record PreviewMember(string Fin, string Relation, IReadOnlyList<PreviewItem> Items);

/// <param name="Item">Its name in a contest: <c>{FIN}:{data set}</c>.</param>
/// <param name="Agency">The agency that gave it.</param>
/// <param name="Status">Ok, NotFound, Failed, ... as the hub gave it.</param>
public sealed record PreviewItem(string Item, string Fin, string DataSet, string? Agency, string Status, DateTimeOffset? FetchedAt, JsonElement? Data);

/// <summary>A contest's document: decoded, size-limited, and typed by its first bytes (PDF <c>%PDF-</c>, JPEG <c>FF D8 FF</c>), never by its name.</summary>
public static class ContestDocuments
{
    public static (DocumentRecord? Document, ProblemHttpResult? Problem) Check(ContestDocumentRequest attached, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(attached);
        var name = string.IsNullOrWhiteSpace(attached.FileName) ? "document" : attached.FileName.Trim();
        if (name.Length > 100 || TextInput.CheckLine(name, "document.fileName") is not null || name.IndexOfAny(['/', '\\', '"']) >= 0)
        {
            return (null, ProblemResults.BadRequest(AssistanceProblems.InvalidDocument, "document.fileName: up to 100 characters, no path.", "document.fileName"));
        }
        var base64 = attached.ContentBase64 ?? "";
        // The decoded size is known before decoding: a huge body is refused without holding it twice.
        if (base64.Length / 4L * 3 > maxBytes + 2L)
        {
            return (null, ProblemResults.Create(StatusCodes.Status413PayloadTooLarge, AssistanceProblems.DocumentTooLarge, $"document: at most {maxBytes} bytes.", "document.contentBase64"));
        }
        var bytes = new byte[base64.Length / 4 * 3 + 3];
        if (base64.Length == 0 || !Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return (null, ProblemResults.BadRequest(AssistanceProblems.InvalidDocument, "document.contentBase64: the document's bytes in base64.", "document.contentBase64"));
        }
        if (length > maxBytes)
        {
            return (null, ProblemResults.Create(StatusCodes.Status413PayloadTooLarge, AssistanceProblems.DocumentTooLarge, $"document: at most {maxBytes} bytes.", "document.contentBase64"));
        }
        var content = bytes.AsSpan(0, length);
        var type = content.StartsWith("%PDF-"u8) ? "application/pdf" : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg" : null;
        if (type is null)
        {
            return (null, ProblemResults.Create(StatusCodes.Status415UnsupportedMediaType, AssistanceProblems.UnsupportedDocumentType,
                "document: a PDF or a JPEG, as its first bytes say (the name does not count).", "document.contentBase64"));
        }
        return (new DocumentRecord { ContentType = type, FileName = name, Bytes = content.ToArray() }, null);
    }
}
