using System.Security.Claims;
using IntegrationHub.Statistics;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Assistance.Api;

/// <summary>
/// The VEMTAS API, version 1: applications (the citizen, with their own token: only their own; or post-office staff
/// with theirs, for a citizen in front of them), queue and decisions (a caseworker, with theirs). Its use as an
/// e-service is counted in the operations statistics (<c>assistance-application</c>, per channel: portal or
/// post office; docs/operations.md).
/// </summary>
public static class AssistanceApi
{
    /// <summary>The subsystem and purpose under which post-office staff check an ID card with the hub (Trust:Policy).</summary>
    public const string Subsystem = "assistance";
    public const string IdentityCheckPurpose = "identity-check";

    public static RouteGroupBuilder MapAssistanceApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/assistance").WithTags("Assistance");

        var citizen = api.MapGroup("/applications").RequirePerson(CallerRoles.Citizen);
        citizen.MapPost("/", SubmitAsync)
            .WithName("SubmitAssistanceApplication")
            .WithSummary("Submit an application-declaration for targeted social assistance")
            .WithDescription("The applicant is the citizen whose token it is (another FIN: 403 not-your-data). Validated, stored durably, then acknowledged with an application number; a registration notice goes to the chosen channel. The same submission again (the same Idempotency-Key header, compared exactly: case matters; or, without one, the same content within a day) returns the same application with 200. " + ApplicationValidator.WhoToDeclare)
            .Accepts<ApplicationRequest>("application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        citizen.MapGet("/", OwnApplications)
            .WithName("ListOwnAssistanceApplications")
            .WithSummary("The citizen's own applications with their status, newest first");
        citizen.MapGet("/{number}", Status)
            .WithName("GetAssistanceApplication")
            .WithSummary("Status of one of the citizen's applications, with the decision in Azerbaijani and English once made")
            .WithDescription("Another person's application is answered like one that does not exist (404 unknown-application).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/assisted-applications", SubmitAssistedAsync).RequirePerson(CallerRoles.PostOfficeStaff)
            .WithName("SubmitAssistedApplication")
            .WithSummary("Submit an application-declaration at a post office, with the citizen who shows their ID card")
            .WithDescription("The ID card number and birth date are checked with the population register through the hub first (a mismatch: 422 identity-mismatch; the register unreachable: 503 identity-check-unavailable). The application records the channel (PostOffice), the office (the token's) and the officer; the citizen sees it in their own applications and gets the notices on the channel they chose, as if they had applied themselves. Idempotency-Key and the duplicate window as for the citizen's own submission.")
            .Accepts<AssistedApplicationRequest>("application/json")
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);

        var caseworker = api.MapGroup("/").RequirePerson(CallerRoles.Caseworker);
        caseworker.MapGet("/queue", Queue).WithName("AssistanceQueue").WithSummary("Cases a caseworker must look at (no decision near the deadline, refused by the hub, or left to a person by the rules; an open appeal or contest), with who holds each");
        caseworker.MapGet("/at-risk", AtRisk).WithName("AssistanceAtRisk").WithSummary("Undecided cases with few working days left, or overdue; and cases with an open appeal (by its own due date) or contest");
        caseworker.MapGet("/decisions/{number}", DecisionAsync).WithName("AssistanceDecision").WithSummary("The decision in force with its reasons, figures, rule version and notices, every decision before it, and the re-evaluations")
            .WithDescription("The look is recorded in the hub's audit first (the citizen sees it with the caseworker's role); the audit unreachable: 503 audit-unavailable, nothing shown.")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        caseworker.MapPost("/decisions/{number}/replay", Replay).WithName("ReplayAssistanceDecision")
            .WithSummary("Runs the means test again on the decision in force's snapshot under its rules (and its declaration and day, for a re-evaluation) and says whether the result is the same")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var offers = api.MapGroup("/offers").RequirePerson(CallerRoles.Citizen);
        offers.MapGet("/", OwnOffers)
            .WithName("ListOwnAssistanceOffers")
            .WithSummary("The citizen's proactive offers (made after a birth in a household without an award), newest first");
        offers.MapPost("/{offerId}/accept", AcceptOfferAsync)
            .WithName("AcceptAssistanceOffer")
            .WithSummary("Accepts an offer: an application is made and decided from the agencies' data, nothing re-entered")
            .WithDescription("The citizen's own offer only (another's, or none: 404 unknown-offer). 201 with the application; accepting again is 200 with the same application. Accepting is the consent to fetch the household's data.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapCaseworkerApiV1();

        api.MapGet("/life-events/statistics", LifeEventStatistics)
            .WithName("AssistanceLifeEventStatistics")
            .WithSummary("Re-evaluations by what prompted them (a kind of change, or the reconciliation) and how they ended, and offers by state (counts only, open like /metrics)");
        return api;
    }

    private static async Task<Results<Created<ApplicationAccepted>, Ok<ApplicationAccepted>, ProblemHttpResult>> SubmitAsync(
        ApplicationRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, AssistanceStore store, WorkingCalendar calendar, IOptions<AssistanceOptions> options, TimeProvider time,
        CaseWakeup cases, OutboxWakeup outbox, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !ApplicationValidator.IsValidIdempotencyKey(idempotencyKey))
        {
            return ProblemResults.BadRequest(AssistanceProblems.InvalidIdempotencyKey, "Idempotency-Key must be 1-100 visible ASCII characters.", "Idempotency-Key");
        }
        var (declaration, problem) = ApplicationValidator.Validate(request);
        if (problem is not null) return problem;
        if (user.RefuseUnlessOwn(declaration!.Applicant.Value, "applicant") is { } notOwn) return notOwn;
        return await StoreAsync(declaration, idempotencyKey, null, store, calendar, options, time, cases, outbox, uses, cancellationToken);
    }

    private static async Task<Results<Created<ApplicationAccepted>, Ok<ApplicationAccepted>, ProblemHttpResult>> SubmitAssistedAsync(
        AssistedApplicationRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, IdentityCheck identity, AssistanceStore store, WorkingCalendar calendar, IOptions<AssistanceOptions> options, TimeProvider time,
        CaseWakeup cases, OutboxWakeup outbox, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !ApplicationValidator.IsValidIdempotencyKey(idempotencyKey))
        {
            return ProblemResults.BadRequest(AssistanceProblems.InvalidIdempotencyKey, "Idempotency-Key must be 1-100 visible ASCII characters.", "Idempotency-Key");
        }
        if (!DateOnly.TryParseExact(request.BirthDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate < new DateOnly(1900, 1, 1) || birthDate > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            return ProblemResults.BadRequest(AssistanceProblems.InvalidBirthDate, "birthDate is the applicant's birth date as on the ID card: yyyy-MM-dd, from 1900-01-01 to today.", "birthDate");
        }
        var (declaration, problem) = ApplicationValidator.Validate(request.Application ?? new ApplicationRequest(null, null, null, null, null, null));
        if (problem is not null)
        {
            // The fields are the application's, one level down.
            if (problem.ProblemDetails.Extensions.TryGetValue("field", out var field)) problem.ProblemDetails.Extensions["field"] = "application." + field;
            return problem;
        }

        var officer = user.ActorId();
        // The check is the hub's audit record of this officer looking at the applicant's identity: the citizen sees it.
        var check = "identity-check-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var shown = new ShownIdCard(declaration!.Applicant, declaration.IdCard, birthDate);
        var result = await identity.CheckAsync(new IdentityCheckRequest(shown, Subsystem, IdentityCheckPurpose, check, officer), cancellationToken);
        if (result.Outcome == IdentityCheckOutcome.Unavailable)
        {
            return ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, AssistanceProblems.IdentityCheckUnavailable,
                "The population register could not be asked through the hub just now, so the ID card is unchecked and nothing was submitted. Try again in a minute.");
        }
        if (result.Outcome == IdentityCheckOutcome.Mismatch)
        {
            return ProblemResults.Create(StatusCodes.Status422UnprocessableEntity, AssistanceProblems.IdentityMismatch,
                "The ID card number and birth date do not match the population register's record for this FIN (or there is no such person); nothing was submitted.", "application.idCardNumber");
        }
        return await StoreAsync(declaration, idempotencyKey, new AssistedBy(user.OfficeOf()!, officer, check), store, calendar, options, time, cases, outbox, uses, cancellationToken);
    }

    private static async Task<Results<Created<ApplicationAccepted>, Ok<ApplicationAccepted>, ProblemHttpResult>> StoreAsync(
        ApplicationDeclaration declaration, string? idempotencyKey, AssistedBy? assisted, AssistanceStore store, WorkingCalendar calendar,
        IOptions<AssistanceOptions> options, TimeProvider time, CaseWakeup cases, OutboxWakeup outbox, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        try
        {
            var (record, created) = await store.SubmitAsync(declaration, idempotencyKey, time.GetUtcNow(), calendar, options.Value.DuplicateWindow, cancellationToken, assisted);
            var body = new ApplicationAccepted(record.Id, record.Status, record.SubmittedAt, record.DueDate, created, record.Channel, record.Office, record.Officer);
            if (!created) return TypedResults.Ok(body);
            // The same submission again is the same use.
            uses.Count(EServiceKeys.AssistanceApplication, assisted is null ? EServiceChannel.Portal : EServiceChannel.PostOffice);
            cases.Wakeup.Signal();
            outbox.Wakeup.Signal();
            return TypedResults.Created($"/api/v1/assistance/applications/{record.Id}", body);
        }
        catch (IdempotencyConflictException e)
        {
            return ProblemResults.Create(StatusCodes.Status409Conflict, AssistanceProblems.IdempotencyKeyReused,
                $"This Idempotency-Key was used for application {e.ApplicationNumber} with different content; use a new key for a new application.", "Idempotency-Key");
        }
    }

    private static Ok<IReadOnlyList<ApplicationStatus>> OwnApplications(ClaimsPrincipal user, AssistanceStore store, WorkingCalendar calendar, TimeProvider time) =>
        TypedResults.Ok<IReadOnlyList<ApplicationStatus>>(store.OfApplicant(user.CitizenFin()!).Select(r => StatusOf(r, store, calendar, time)).ToList());

    private static Results<Ok<ApplicationStatus>, ProblemHttpResult> Status(string number, ClaimsPrincipal user, AssistanceStore store, WorkingCalendar calendar, TimeProvider time)
    {
        // Someone else's application is not theirs to know about, not even that it exists.
        if (store.Find(number) is not { } record || record.Applicant != user.CitizenFin()) return UnknownApplication(number);
        return TypedResults.Ok(StatusOf(record, store, calendar, time));
    }

    private static ApplicationStatus StatusOf(ApplicationRecord record, AssistanceStore store, WorkingCalendar calendar, TimeProvider time)
    {
        var number = record.Id;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        DecisionView? decision = null;
        if (store.CurrentDecision(number) is { } stored)
        {
            var result = JsonSerializer.Deserialize<MeansTestResult>(stored.ResultJson, AssistanceStore.Json)!;
            decision = DecisionView.From(stored, result);
        }
        // The decision and the case's status commit together, but are read one after the other: the decision speaks for itself.
        var status = decision is null ? PublicStatus(record.Status) : PublicStatus(decision.Outcome == nameof(MeansTestOutcome.Approved) ? CaseStatus.Approved : CaseStatus.Refused);
        return new ApplicationStatus(record.Id, status, record.SubmittedAt, record.DueDate,
            decision is null ? calendar.WorkingDaysLeft(today, record.DueDate) : null, decision, record.Channel, record.Office, record.Officer);
    }

    private static Ok<IReadOnlyList<CaseSummary>> Queue(AssistanceStore store, WorkingCalendar calendar, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return TypedResults.Ok<IReadOnlyList<CaseSummary>>(store.Queue()
            .Select(c => Summary(c, store, calendar, today, now)).OrderBy(c => c.AppealDueDate ?? c.DueDate).ToList());
    }

    /// <summary>The queue's line for a case: its open appeal (due date) and contests, and who holds it.</summary>
    private static CaseSummary Summary(ApplicationRecord c, AssistanceStore store, WorkingCalendar calendar, DateOnly today, DateTimeOffset now)
    {
        var appeal = store.OpenAppeal(c.Id);
        var contests = store.ContestsOf(c.Id).Count(x => x.State == ContestStates.Open);
        var holds = c.ClaimedUntil > now;
        return CaseSummary.From(c, calendar, today) with
        {
            OpenAppeal = appeal?.Id, AppealDueDate = appeal?.DueDate, OpenContests = contests,
            ClaimedBy = holds ? c.ClaimedBy : null, ClaimedUntil = holds ? c.ClaimedUntil : null,
        };
    }

    private static Ok<IReadOnlyList<CaseSummary>> AtRisk(AssistanceStore store, WorkingCalendar calendar, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var undecided = store.Open().Where(c => calendar.AtRisk(today, c.DueDate));
        // Contested and appealed cases are followed too: an appeal has its own deadline, a contest may change a decision.
        var inDispute = store.ContestedOrAppealed().Select(t => t.Application);
        return TypedResults.Ok<IReadOnlyList<CaseSummary>>(undecided.Concat(inDispute).DistinctBy(c => c.Id)
            .Select(c => Summary(c, store, calendar, today, now)).OrderBy(c => c.AppealDueDate ?? c.DueDate).ToList());
    }

    private static async Task<Results<Ok<DecisionDetail>, ProblemHttpResult>> DecisionAsync(string number, ClaimsPrincipal user, AssistanceStore store, OfficerLookAudit audit, CancellationToken cancellationToken)
    {
        if (store.Find(number) is not { } record) return UnknownApplication(number);
        var all = store.DecisionsOf(number);
        if (all.Count == 0) return NotDecided(number);
        if (await CaseworkerApi.LookAsync(user, record, CaseworkerApi.SeenDecision, record.Household, audit, cancellationToken) is { } unavailable) return unavailable;
        var views = all.Select(d => DecisionView.From(d, JsonSerializer.Deserialize<MeansTestResult>(d.ResultJson, AssistanceStore.Json)!)).ToList();
        var result = JsonSerializer.Deserialize<MeansTestResult>(all[^1].ResultJson, AssistanceStore.Json)!;
        var notices = store.Notices(number).Select(n => new NoticeView(n.Kind, n.Channel, n.CreatedAt, n.SentAt, n.Attempts, n.LastError)).ToList();
        var reEvaluations = store.ReEvaluationsOf(number).Select(ReEvaluationView.Of).ToList();
        return TypedResults.Ok(new DecisionDetail(views[^1], result, notices, record.Channel, record.Office, record.Officer, views, reEvaluations));
    }

    private static Results<Ok<ReplayResult>, ProblemHttpResult> Replay(string number, AssistanceStore store)
    {
        if (store.Find(number) is not { } record) return UnknownApplication(number);
        if (store.CurrentDecision(number) is not { } stored) return NotDecided(number);
        var replayed = ReplayService.Replay(store, record, stored);
        var original = JsonSerializer.Deserialize<MeansTestResult>(stored.ResultJson, AssistanceStore.Json)!;
        var same = JsonSerializer.Serialize(replayed, AssistanceStore.Json) == stored.ResultJson;
        return TypedResults.Ok(new ReplayResult(number, stored.RuleVersion, same, original.Outcome, replayed));
    }

    private static Ok<IReadOnlyList<OfferView>> OwnOffers(ClaimsPrincipal user, AssistanceStore store) =>
        TypedResults.Ok<IReadOnlyList<OfferView>>(store.OffersOf(user.CitizenFin()!).Select(OfferView.Of).ToList());

    private static async Task<Results<Created<ApplicationAccepted>, Ok<ApplicationAccepted>, ProblemHttpResult>> AcceptOfferAsync(
        string offerId, ClaimsPrincipal user, AssistanceStore store, WorkingCalendar calendar, TimeProvider time, CaseWakeup cases, OutboxWakeup outbox, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        // Someone else's offer is answered like one that does not exist: offer numbers are sequential.
        if (await store.AcceptOfferAsync(offerId, user.CitizenFin()!, time.GetUtcNow(), calendar, cancellationToken) is not { } accepted)
        {
            return ProblemResults.Create(StatusCodes.Status404NotFound, AssistanceProblems.UnknownOffer, $"No offer {offerId}.", "offerId");
        }
        var (record, created) = accepted;
        var body = new ApplicationAccepted(record.Id, record.Status, record.SubmittedAt, record.DueDate, created, record.Channel, record.Office, record.Officer);
        if (!created) return TypedResults.Ok(body);
        // An accepted offer is an application made on the portal, counted once like a submission.
        uses.Count(EServiceKeys.AssistanceApplication, EServiceChannel.Portal);
        cases.Wakeup.Signal();
        outbox.Wakeup.Signal();
        return TypedResults.Created($"/api/v1/assistance/applications/{record.Id}", body);
    }

    private static Ok<LifeEventStatistics> LifeEventStatistics(AssistanceStore store)
    {
        var (reEvaluations, offers) = store.LifeEventCounts();
        return TypedResults.Ok(new LifeEventStatistics(reEvaluations, offers));
    }

    /// <summary>What the citizen sees: a caseworker's involvement is "in review", not an internal queue name.</summary>
    private static string PublicStatus(CaseStatus status) => status switch
    {
        CaseStatus.Registered or CaseStatus.AwaitingData => "in-progress",
        CaseStatus.WithCaseworker => "in-review",
        CaseStatus.Approved => "approved",
        _ => "refused",
    };

    private static ProblemHttpResult UnknownApplication(string number) =>
        ProblemResults.Create(StatusCodes.Status404NotFound, AssistanceProblems.UnknownApplication, $"No application {number}.", "number");

    private static ProblemHttpResult NotDecided(string number) =>
        ProblemResults.Create(StatusCodes.Status404NotFound, AssistanceProblems.NotDecided, $"Application {number} has no decision yet.", "number");
}

/// <param name="Channel">How it was submitted: Online (the citizen) or PostOffice (staff with the citizen).</param>
/// <param name="Office">The post office, for a post-office submission.</param>
/// <param name="Officer">The post-office staff member who submitted it.</param>
public sealed record ApplicationAccepted(string ApplicationNumber, CaseStatus Status, DateTimeOffset SubmittedAt, DateOnly DueDate, bool Created,
    ApplicationChannel Channel, string? Office, string? Officer);

/// <param name="Status">in-progress, in-review, approved or refused.</param>
/// <param name="WorkingDaysLeft">Until the due date while undecided; negative when overdue.</param>
/// <param name="Channel">How it was submitted: Online (the citizen) or PostOffice (staff with the citizen).</param>
/// <param name="Office">The post office, for a post-office submission.</param>
/// <param name="Officer">The post-office staff member who submitted it.</param>
public sealed record ApplicationStatus(string ApplicationNumber, string Status, DateTimeOffset SubmittedAt, DateOnly DueDate, int? WorkingDaysLeft, DecisionView? Decision,
    ApplicationChannel Channel, string? Office, string? Officer);

public sealed record ReasonView(int Number, string Code, string TextAz, string TextEn);

/// <param name="DecisionId">The application number for the first decision, <c>{number}-{n}</c> for later ones.</param>
/// <param name="Kind">automatic, manual, re-evaluation or appeal-outcome.</param>
/// <param name="Justification">Why it was made ("change in circumstances" for a re-evaluation).</param>
/// <param name="Supersedes">The decision it replaced.</param>
public sealed record DecisionView(string Outcome, DateTimeOffset DecidedAt, string RuleVersion, decimal? MonthlyAmount, DateOnly? PeriodFrom, DateOnly? PeriodTo,
    IReadOnlyList<ReasonView> Reasons, string TextAz, string TextEn, string? DecisionId = null, string? Kind = null, string? Justification = null, string? Supersedes = null)
{
    public static DecisionView From(DecisionRecord stored, MeansTestResult result)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(result);
        return new(stored.Outcome, stored.DecidedAt, stored.RuleVersion, result.MonthlyAmount, result.PeriodFrom, result.PeriodTo,
            result.Reasons.Select(r => new ReasonView(r.Number, r.Code, DecisionTexts.Reason("az", r, result), DecisionTexts.Reason("en", r, result))).ToList(),
            stored.TextAz, stored.TextEn, stored.Id, string.IsNullOrEmpty(stored.Kind) ? DecisionKinds.Automatic : stored.Kind, stored.Justification, stored.Supersedes);
    }
}

/// <summary>A re-evaluation as the caseworker sees it: what prompted it, where it stands, what it found.</summary>
public sealed record ReEvaluationView(string TriggerKind, string Trigger, DateTimeOffset CreatedAt, string State, int Attempts, string? Outcome, decimal? MonthlyAmount,
    string? DecisionId, DateTimeOffset? CompletedAt, string? LastProblem)
{
    public static ReEvaluationView Of(ReEvaluationRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.TriggerKind, r.Trigger, r.CreatedAt, r.State, r.Attempts, r.Outcome, r.MonthlyAmount, r.DecisionId, r.CompletedAt, r.LastProblem);
    }
}

/// <summary>A proactive offer as the citizen sees it.</summary>
/// <param name="ApplicationNumber">Once accepted: the application it became.</param>
public sealed record OfferView(string OfferId, DateOnly BirthDate, DateTimeOffset CreatedAt, string State, string TextAz, string TextEn, string? ApplicationNumber)
{
    public static OfferView Of(OfferRecord o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.BirthDate, o.CreatedAt, o.State, DecisionTexts.Offer("az", o.Id, o.BirthDate), DecisionTexts.Offer("en", o.Id, o.BirthDate), o.ApplicationNumber);
    }
}

/// <param name="ReEvaluations">By trigger (a kind of change, or reconciliation) and state (pending, changed, unchanged, referred, skipped).</param>
/// <param name="Offers">By state (offered, accepted).</param>
public sealed record LifeEventStatistics(IReadOnlyList<ReEvaluationCount> ReEvaluations, IReadOnlyDictionary<string, int> Offers);

public sealed record NoticeView(string Kind, ChannelKind Channel, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError);

/// <param name="Decision">The decision in force.</param>
/// <param name="History">Every decision on the application, the first one first (the one in force last).</param>
/// <param name="ReEvaluations">Every re-evaluation of the award, newest first: changed ones made a decision, the others were recorded as checked.</param>
public sealed record DecisionDetail(DecisionView Decision, MeansTestResult Figures, IReadOnlyList<NoticeView> Notices,
    ApplicationChannel Channel, string? Office, string? Officer,
    IReadOnlyList<DecisionView>? History = null, IReadOnlyList<ReEvaluationView>? ReEvaluations = null);

public sealed record ReplayResult(string ApplicationNumber, string RuleVersion, bool SameAsStored, MeansTestOutcome StoredOutcome, MeansTestResult Replayed);

/// <param name="OpenAppeal">An appeal waiting for review, if any; <paramref name="AppealDueDate"/> is its own deadline.</param>
/// <param name="OpenContests">Contests not yet resolved.</param>
/// <param name="ClaimedBy">The caseworker holding the case, while the claim holds.</param>
public sealed record CaseSummary(string ApplicationNumber, CaseStatus Status, DateTimeOffset SubmittedAt, DateOnly DueDate, int WorkingDaysLeft, int Attempts,
    string? CaseworkerReason, string? LastProblem, ApplicationChannel Channel, string? Office,
    string? OpenAppeal = null, DateOnly? AppealDueDate = null, int OpenContests = 0, string? ClaimedBy = null, DateTimeOffset? ClaimedUntil = null)
{
    public static CaseSummary From(ApplicationRecord c, WorkingCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(calendar);
        return new(c.Id, c.Status, c.SubmittedAt, c.DueDate, calendar.WorkingDaysLeft(today, c.DueDate), c.Attempts, c.CaseworkerReason, c.LastProblem, c.Channel, c.Office);
    }
}

/// <summary>Replays a stored decision: the same declaration, snapshot and rule version through the means test.</summary>
public static class ReplayService
{
    public static MeansTestResult Replay(AssistanceStore store, ApplicationRecord record, DecisionRecord stored)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stored);
        var rules = store.FindRules(stored.RuleVersion) ?? throw new InvalidOperationException($"Rule version {stored.RuleVersion} is not stored.");
        var profile = JsonSerializer.Deserialize<HouseholdProfile>(stored.ProfileJson, AssistanceStore.Json)!;
        // A re-evaluation was made on a declaration of its own (the agencies' data), for its own day, within the award's period.
        var declaration = AssistanceStore.DeclarationOf(record, stored);
        return MeansTest.Evaluate(declaration, profile, rules, stored.EvaluatedOn ?? record.ApplicationDate, stored.PeriodEnd);
    }
}
