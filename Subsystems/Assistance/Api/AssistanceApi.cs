using System.Security.Claims;
using System.Text.Json;
using IntegrationHub.Assistance.Applications;
using IntegrationHub.Assistance.Clock;
using IntegrationHub.Assistance.Processing;
using IntegrationHub.Assistance.Rules;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Statistics;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Assistance.Api;

/// <summary>
/// The VEMTAS API, version 1: applications (the citizen, with their own token: only their own), queue and
/// decisions (a caseworker, with theirs). Its use as an e-service is counted in the operations statistics
/// (<c>assistance-application</c>, docs/operations.md).
/// </summary>
public static class AssistanceApi
{
    public static RouteGroupBuilder MapAssistanceApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/assistance").WithTags("Assistance");

        var citizen = api.MapGroup("/applications").RequirePerson(CallerRoles.Citizen);
        citizen.MapPost("/", SubmitAsync)
            .WithName("SubmitAssistanceApplication")
            .WithSummary("Submit an application-declaration for targeted social assistance")
            .WithDescription("The applicant is the citizen whose token it is (another FIN: 403 not-your-data). Validated, stored durably, then acknowledged with an application number; a registration notice goes to the chosen channel. The same submission again (same Idempotency-Key header, or the same content within a day) returns the same application with 200. " + ApplicationValidator.WhoToDeclare)
            .Accepts<ApplicationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        citizen.MapGet("/", OwnApplications)
            .WithName("ListOwnAssistanceApplications")
            .WithSummary("The citizen's own applications with their status, newest first");
        citizen.MapGet("/{number}", Status)
            .WithName("GetAssistanceApplication")
            .WithSummary("Status of one of the citizen's applications, with the decision in Azerbaijani and English once made")
            .WithDescription("Another person's application is answered like one that does not exist (404 unknown-application).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var caseworker = api.MapGroup("/").RequirePerson(CallerRoles.Caseworker);
        caseworker.MapGet("/queue", Queue).WithName("AssistanceQueue").WithSummary("Cases a caseworker must look at (no decision near the deadline, refused by the hub, or left to a person by the rules)");
        caseworker.MapGet("/at-risk", AtRisk).WithName("AssistanceAtRisk").WithSummary("Undecided cases with few working days left, or overdue");
        caseworker.MapGet("/decisions/{number}", Decision).WithName("AssistanceDecision").WithSummary("A decision with its reasons, figures, rule version and notices")
            .ProducesProblem(StatusCodes.Status404NotFound);
        caseworker.MapPost("/decisions/{number}/replay", Replay).WithName("ReplayAssistanceDecision")
            .WithSummary("Runs the means test again on the stored snapshot under the stored rules and says whether the result is the same")
            .ProducesProblem(StatusCodes.Status404NotFound);
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
            return AssistanceProblems.BadRequest(AssistanceProblems.InvalidIdempotencyKey, "Idempotency-Key must be 1-100 visible ASCII characters.", "Idempotency-Key");
        }
        var (declaration, problem) = ApplicationValidator.Validate(request);
        if (problem is not null) return problem;
        if (user.RefuseUnlessOwn(declaration!.Applicant.Value, "applicant") is { } notOwn) return notOwn;
        try
        {
            var (record, created) = await store.SubmitAsync(declaration!, idempotencyKey, time.GetUtcNow(), calendar, options.Value.DuplicateWindow, cancellationToken);
            var body = new ApplicationAccepted(record.Id, record.Status, record.SubmittedAt, record.DueDate, created);
            if (!created) return TypedResults.Ok(body);
            // The same submission again is the same use.
            uses.Count(EServiceKeys.AssistanceApplication, EServiceChannel.Portal);
            cases.Wakeup.Signal();
            outbox.Wakeup.Signal();
            return TypedResults.Created($"/api/v1/assistance/applications/{record.Id}", body);
        }
        catch (IdempotencyConflictException e)
        {
            return AssistanceProblems.Create(StatusCodes.Status409Conflict, AssistanceProblems.IdempotencyKeyReused,
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
        if (store.FindDecision(number) is { } stored)
        {
            var result = JsonSerializer.Deserialize<MeansTestResult>(stored.ResultJson, AssistanceStore.Json)!;
            decision = DecisionView.From(stored, result);
        }
        // The decision and the case's status commit together, but are read one after the other: the decision speaks for itself.
        var status = decision is null ? PublicStatus(record.Status) : PublicStatus(decision.Outcome == nameof(MeansTestOutcome.Approved) ? CaseStatus.Approved : CaseStatus.Refused);
        return new ApplicationStatus(record.Id, status, record.SubmittedAt, record.DueDate,
            decision is null ? calendar.WorkingDaysLeft(today, record.DueDate) : null, decision);
    }

    private static Ok<IReadOnlyList<CaseSummary>> Queue(AssistanceStore store, WorkingCalendar calendar, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok<IReadOnlyList<CaseSummary>>(store.Open().Where(c => c.Status == CaseStatus.WithCaseworker)
            .OrderBy(c => c.DueDate).Select(c => CaseSummary.From(c, calendar, today)).ToList());
    }

    private static Ok<IReadOnlyList<CaseSummary>> AtRisk(AssistanceStore store, WorkingCalendar calendar, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok<IReadOnlyList<CaseSummary>>(store.Open().Where(c => calendar.AtRisk(today, c.DueDate))
            .OrderBy(c => c.DueDate).Select(c => CaseSummary.From(c, calendar, today)).ToList());
    }

    private static Results<Ok<DecisionDetail>, ProblemHttpResult> Decision(string number, AssistanceStore store)
    {
        if (store.Find(number) is null) return UnknownApplication(number);
        if (store.FindDecision(number) is not { } stored) return NotDecided(number);
        var result = JsonSerializer.Deserialize<MeansTestResult>(stored.ResultJson, AssistanceStore.Json)!;
        var notices = store.Notices(number).Select(n => new NoticeView(n.Kind, n.Channel, n.CreatedAt, n.SentAt, n.Attempts, n.LastError)).ToList();
        return TypedResults.Ok(new DecisionDetail(DecisionView.From(stored, result), result, notices));
    }

    private static Results<Ok<ReplayResult>, ProblemHttpResult> Replay(string number, AssistanceStore store)
    {
        if (store.Find(number) is not { } record) return UnknownApplication(number);
        if (store.FindDecision(number) is not { } stored) return NotDecided(number);
        var replayed = ReplayService.Replay(store, record, stored);
        var original = JsonSerializer.Deserialize<MeansTestResult>(stored.ResultJson, AssistanceStore.Json)!;
        var same = JsonSerializer.Serialize(replayed, AssistanceStore.Json) == stored.ResultJson;
        return TypedResults.Ok(new ReplayResult(number, stored.RuleVersion, same, original.Outcome, replayed));
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
        AssistanceProblems.Create(StatusCodes.Status404NotFound, AssistanceProblems.UnknownApplication, $"No application {number}.", "number");

    private static ProblemHttpResult NotDecided(string number) =>
        AssistanceProblems.Create(StatusCodes.Status404NotFound, AssistanceProblems.NotDecided, $"Application {number} has no decision yet.", "number");
}

public sealed record ApplicationAccepted(string ApplicationNumber, CaseStatus Status, DateTimeOffset SubmittedAt, DateOnly DueDate, bool Created);

/// <param name="Status">in-progress, in-review, approved or refused.</param>
/// <param name="WorkingDaysLeft">Until the due date while undecided; negative when overdue.</param>
public sealed record ApplicationStatus(string ApplicationNumber, string Status, DateTimeOffset SubmittedAt, DateOnly DueDate, int? WorkingDaysLeft, DecisionView? Decision);

public sealed record ReasonView(int Number, string Code, string TextAz, string TextEn);

public sealed record DecisionView(string Outcome, DateTimeOffset DecidedAt, string RuleVersion, decimal? MonthlyAmount, DateOnly? PeriodFrom, DateOnly? PeriodTo,
    IReadOnlyList<ReasonView> Reasons, string TextAz, string TextEn)
{
    public static DecisionView From(DecisionRecord stored, MeansTestResult result)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(result);
        return new(stored.Outcome, stored.DecidedAt, stored.RuleVersion, result.MonthlyAmount, result.PeriodFrom, result.PeriodTo,
            result.Reasons.Select(r => new ReasonView(r.Number, r.Code, DecisionTexts.Reason("az", r, result), DecisionTexts.Reason("en", r, result))).ToList(),
            stored.TextAz, stored.TextEn);
    }
}

public sealed record NoticeView(string Kind, ChannelKind Channel, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError);

public sealed record DecisionDetail(DecisionView Decision, MeansTestResult Figures, IReadOnlyList<NoticeView> Notices);

public sealed record ReplayResult(string ApplicationNumber, string RuleVersion, bool SameAsStored, MeansTestOutcome StoredOutcome, MeansTestResult Replayed);

public sealed record CaseSummary(string ApplicationNumber, CaseStatus Status, DateTimeOffset SubmittedAt, DateOnly DueDate, int WorkingDaysLeft, int Attempts,
    string? CaseworkerReason, string? LastProblem)
{
    public static CaseSummary From(ApplicationRecord c, WorkingCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(calendar);
        return new(c.Id, c.Status, c.SubmittedAt, c.DueDate, calendar.WorkingDaysLeft(today, c.DueDate), c.Attempts, c.CaseworkerReason, c.LastProblem);
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
        var declaration = JsonSerializer.Deserialize<ApplicationDeclaration>(record.DeclarationJson, AssistanceStore.Json)!;
        return MeansTest.Evaluate(declaration, profile, rules, record.ApplicationDate);
    }
}
