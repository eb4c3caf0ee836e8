using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using IntegrationHub.ContactCentre.Monitor;
using IntegrationHub.ContactCentre.Statistics;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Text;
using IntegrationHub.Statistics;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.ContactCentre.Api;

/// <summary>
/// The 142 contact centre's API, version 1: calls registered and hung up by the telephony system (its API key);
/// the queue, the call and its follow-ups for operators (their token, their department); the monitor and the
/// statistics for supervisors (theirs).
/// </summary>
public static class ContactCentreApi
{
    public const string Tag = "Contact centre";

    public static RouteGroupBuilder MapContactCentreApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/contact-centre").WithTags(Tag);

        api.MapPost("/calls", RegisterAsync).RequireSystem(CallerRoles.Telephony)
            .WithName("RegisterCall")
            .WithSummary("Register a call as it arrives: the caller's number and menu choice; it joins its department's queue")
            .WithDescription("Durable before the answer. The same callId again is the same call (200, same number); the same callId with another number or topic is 409 call-id-reused. A call from a number seen before says so (repeatCaller). Topic disability-exam is the voice menu's (key 0): recorded, never queued.")
            .Accepts<RegisterCallRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/calls/{callNumber}/hang-up", HangUpAsync).RequireSystem(CallerRoles.Telephony)
            .WithName("RecordHangUp")
            .WithSummary("The caller hung up: a waiting call is abandoned (it leaves the queue); a call with an operator or the voice menu ends")
            .WithDescription("Told again, it happened once (200, the same state).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var staff = api.MapGroup("/").RequirePerson(CallerRoles.ContactCentreOperator, CallerRoles.ContactCentreSupervisor);
        staff.MapGet("/calls/{callNumber}", GetCall)
            .WithName("GetCall")
            .WithSummary("A call with its whole history (what each operator noted, transfers, follow-ups), for a department that has had it")
            .WithDescription("Another department's call is answered like one that does not exist (404 unknown-call).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/follow-ups", FollowUps)
            .WithName("ListFollowUps")
            .WithSummary("The department's open follow-ups, earliest due first, overdue ones flagged");

        var operators = api.MapGroup("/").RequirePerson(CallerRoles.ContactCentreOperator);
        operators.MapPost("/queue/take", TakeAsync)
            .WithName("TakeNextCall")
            .WithSummary("Take the call that has waited longest in your department's queue (204 when nobody waits)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict);
        operators.MapGet("/queue", Queue)
            .WithName("ListDepartmentQueue")
            .WithSummary("The calls waiting in your department's queue, in the order they will be answered (numbers masked)");
        operators.MapPost("/calls/{callNumber}/caller", IdentifyAsync)
            .WithName("IdentifyCaller")
            .WithSummary("Identify the caller from their ID card (FIN, card number, birth date), checked with the population register through the hub")
            .WithDescription("Until then the caller is anonymous. The check is in the hub's audit under your staff id, and the citizen sees it. A wrong card, a wrong birth date and an unknown FIN give one answer, 422 identity-mismatch.")
            .Accepts<IdentifyCallerRequest>("application/json")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
        operators.MapPost("/calls/{callNumber}/notes", NoteAsync)
            .WithName("AddCallNote")
            .WithSummary("Note the caller's question and your answer in the call's history")
            .Accepts<CallNoteRequest>("application/json")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        operators.MapPost("/calls/{callNumber}/transfer", TransferAsync)
            .WithName("TransferCall")
            .WithSummary("Send the call to the end of another department's queue; its history goes with it")
            .Accepts<TransferCallRequest>("application/json")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        operators.MapPost("/calls/{callNumber}/follow-ups", OpenFollowUpAsync)
            .WithName("OpenFollowUp")
            .WithSummary("Open a follow-up your department owes the caller, due on a date")
            .Accepts<OpenFollowUpRequest>("application/json")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        operators.MapPost("/calls/{callNumber}/close", CloseAsync)
            .WithName("CloseCall")
            .WithSummary("End the call you hold; you are free for the next")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        operators.MapPost("/follow-ups/{id}/done", CompleteFollowUpAsync)
            .WithName("CompleteFollowUp")
            .WithSummary("Mark a follow-up of your department done, with what came of it")
            .Accepts<CompleteFollowUpRequest>("application/json")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        var supervisors = api.MapGroup("/").RequirePerson(CallerRoles.ContactCentreSupervisor);
        supervisors.MapGet("/monitor", (MonitorService monitor) => TypedResults.Ok(monitor.Figures()))
            .WithName("GetContactCentreMonitor")
            .WithSummary("The monitor's figures now: per department calls waiting, longest wait, answered and abandoned in the last hour, share answered within the target, follow-ups overdue");
        supervisors.MapGet("/monitor/stream", Stream)
            .WithName("StreamContactCentreMonitor")
            .WithSummary("The monitor's figures as server-sent events (event 'figures'): on every change, at most every MinimumInterval, at least every RefreshInterval")
            .WithDescription("The stream ends after ContactCentre:Monitor:StreamLifetime; open a new one (the page does), so the token is checked again.");
        supervisors.MapGet("/statistics", StatisticsOf)
            .WithName("GetContactCentreStatistics")
            .WithSummary("Calls per topic and month (from, to as yyyy-MM; default the last 12 months): answered, answered within the target, abandoned, voice menu, follow-ups opened, done and overdue")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Results<Created<CallRegistered>, Ok<CallRegistered>, ProblemHttpResult>> RegisterAsync(
        RegisterCallRequest request, CallDesk desk, IEServiceCounter uses, CancellationToken cancellationToken)
    {
        var callId = request.CallId?.Trim();
        if (callId is not { Length: >= 1 and <= 64 } || !callId.All(c => c is > ' ' and <= '~'))
        {
            return Bad(ContactCentreCodes.InvalidCallId, "callId is the telephony system's id of the call: 1-64 visible ASCII characters.", "callId");
        }
        CallerNumber? number = null;
        if (!string.IsNullOrEmpty(request.CallerNumber) && !CallerNumber.TryParse(request.CallerNumber, out number, out var error))
        {
            return Bad(ContactCentreCodes.InvalidCallerNumber, error, "callerNumber");
        }
        if (Topics.Find(request.Topic) is not { } topic)
        {
            return Bad(ContactCentreCodes.UnknownTopic, $"topic '{request.Topic}' is not one of {string.Join(", ", Topics.All.Select(t => t.Key))}.", "topic");
        }
        var (call, created, problem) = await desk.RegisterAsync(callId, number, topic, cancellationToken);
        if (problem is not null) return problem.ToResult();
        var body = CallRegistered.Of(call!, created);
        // A call once, however often the telephony system registers it.
        if (created) uses.Count(EServiceKeys.ContactCentreCall, EServiceChannel.CallCentre);
        return created ? TypedResults.Created($"/api/v1/contact-centre/calls/{call!.Id}", body) : TypedResults.Ok(body);
    }

    private static async Task<Results<Ok<CallState>, ProblemHttpResult>> HangUpAsync(string callNumber, CallDesk desk, CancellationToken cancellationToken)
    {
        var (call, problem) = await desk.HangUpAsync(callNumber, cancellationToken);
        return problem is not null ? problem.ToResult() : TypedResults.Ok(new CallState(call!.Id, call.Status, call.HungUpAt));
    }

    private static Results<Ok<CallView>, ProblemHttpResult> GetCall(string callNumber, CallDesk desk, ClaimsPrincipal user)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        return desk.Visible(callNumber, by.Department) is { } call
            ? TypedResults.Ok(CallView.Of(call))
            : new ApiProblem(404, ContactCentreCodes.UnknownCall, $"No call {callNumber} (or none your department has had).", "callNumber").ToResult();
    }

    private static Results<Ok<IReadOnlyList<FollowUpView>>, ProblemHttpResult> FollowUps(CallDesk desk, ClaimsPrincipal user, TimeProvider time)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok<IReadOnlyList<FollowUpView>>([.. desk.OpenFollowUps(by.Department).Select(f => FollowUpView.Of(f, today))]);
    }

    private static async Task<Results<Ok<CallView>, NoContent, ProblemHttpResult>> TakeAsync(CallDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        var (call, problem) = await desk.TakeNextAsync(by, cancellationToken);
        if (problem is not null) return problem.ToResult();
        return call is null ? TypedResults.NoContent() : TypedResults.Ok(CallView.Of(call));
    }

    private static Results<Ok<IReadOnlyList<WaitingCallView>>, ProblemHttpResult> Queue(CallDesk desk, ClaimsPrincipal user, TimeProvider time)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<WaitingCallView>>([.. desk.Queue(by.Department).Select(q => new WaitingCallView(
            q.Number, q.QueuedAt, (long)Math.Max(0, (now - q.QueuedAt).TotalSeconds), q.CallerNumber is null ? null : CallerNumber.Mask(q.CallerNumber), q.PreviousCalls))]);
    }

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> IdentifyAsync(
        string callNumber, IdentifyCallerRequest request, CallDesk desk, IdentityCheck check, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        if (!Fin.TryParse(request.Fin?.Trim(), out var fin, out var error)) return Bad(ContactCentreCodes.InvalidFin, error, "fin");
        if (!IdCardNumber.TryParse(request.IdCardNumber?.Trim().ToUpperInvariant(), out var card, out error)) return Bad(ContactCentreCodes.InvalidIdCard, error, "idCardNumber");
        if (!TryParseBirthDate(request.BirthDate, time, out var birthDate)) return Bad(ContactCentreCodes.InvalidBirthDate, "birthDate must be a date as yyyy-MM-dd, from 1900-01-01 to today.", "birthDate");
        return Answer(await desk.IdentifyAsync(callNumber, by, new ShownIdCard(fin, card, birthDate), check, cancellationToken));
    }

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> NoteAsync(
        string callNumber, CallNoteRequest request, CallDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        if (Text(request.Question, "question", 4000, multiLine: true) is { } badQuestion) return Bad(ContactCentreCodes.InvalidNote, badQuestion, "question");
        if (Text(request.Answer, "answer", 4000, multiLine: true) is { } badAnswer) return Bad(ContactCentreCodes.InvalidNote, badAnswer, "answer");
        return Answer(await desk.NoteAsync(callNumber, by, request.Question!.Trim(), request.Answer!.Trim(), cancellationToken));
    }

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> TransferAsync(
        string callNumber, TransferCallRequest request, CallDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        if (!Topics.IsDepartment(request.Department))
        {
            return Bad(ContactCentreCodes.UnknownDepartment, $"department '{request.Department}' is not one of {string.Join(", ", Topics.Departments)}.", "department");
        }
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is not null && Text(reason, "reason", 500, multiLine: false) is { } badReason) return Bad(ContactCentreCodes.InvalidNote, badReason, "reason");
        return Answer(await desk.TransferAsync(callNumber, by, request.Department!, reason, cancellationToken));
    }

    private static async Task<Results<Created<FollowUpView>, ProblemHttpResult>> OpenFollowUpAsync(
        string callNumber, OpenFollowUpRequest request, CallDesk desk, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var horizon = desk.Options.FollowUpHorizonDays;
        if (!DateOnly.TryParseExact(request.DueDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) || due < today || due > today.AddDays(horizon))
        {
            return Bad(ContactCentreCodes.InvalidDueDate, $"dueDate must be a date as yyyy-MM-dd from today ({today:yyyy-MM-dd}) to {horizon} days ahead.", "dueDate");
        }
        if (Text(request.Task, "task", 1000, multiLine: true) is { } badTask) return Bad(ContactCentreCodes.InvalidTask, badTask, "task");
        var (_, followUp, problem) = await desk.OpenFollowUpAsync(callNumber, by, due, request.Task!.Trim(), cancellationToken);
        return problem is not null
            ? problem.ToResult()
            : TypedResults.Created($"/api/v1/contact-centre/follow-ups/{followUp!.Id}", FollowUpView.Of(followUp, today));
    }

    private static async Task<Results<Ok<CallView>, ProblemHttpResult>> CloseAsync(string callNumber, CallDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        return Answer(await desk.CloseAsync(callNumber, by, cancellationToken));
    }

    private static async Task<Results<Ok<FollowUpView>, ProblemHttpResult>> CompleteFollowUpAsync(
        string id, CompleteFollowUpRequest request, CallDesk desk, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Staff(user) is not { } by) return UnknownDepartment(user);
        if (Text(request.Outcome, "outcome", 1000, multiLine: true) is { } badOutcome) return Bad(ContactCentreCodes.InvalidTask, badOutcome, "outcome");
        var (followUp, problem) = await desk.CompleteFollowUpAsync(id, by, request.Outcome!.Trim(), cancellationToken);
        return problem is not null ? problem.ToResult() : TypedResults.Ok(FollowUpView.Of(followUp!, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
    }

    private static ServerSentEventsResult<MonitorFigures> Stream(MonitorService monitor, IOptions<ContactCentreOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Updates(monitor, options.Value.Monitor, time, cancellationToken));

    /// <summary>The figures now, then on every change (at most every MinimumInterval) or every RefreshInterval, until StreamLifetime.</summary>
    private static async IAsyncEnumerable<SseItem<MonitorFigures>> Updates(
        MonitorService monitor, MonitorOptions options, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ends = time.GetUtcNow() + options.StreamLifetime;
        while (true)
        {
            var seen = monitor.Board.Version;
            yield return new SseItem<MonitorFigures>(monitor.Figures(), "figures");
            var left = ends - time.GetUtcNow();
            if (left <= TimeSpan.Zero) yield break;
            // A burst of calls is one update: wait out the minimum interval, then for a change or the refresh.
            await Task.Delay(Min(options.MinimumInterval, left), time, cancellationToken);
            left = ends - time.GetUtcNow();
            if (left <= TimeSpan.Zero) continue;
            await monitor.Board.WaitForChangeAsync(seen, Min(options.RefreshInterval - options.MinimumInterval, left), time, cancellationToken);
        }
    }

    private static Results<Ok<IReadOnlyList<TopicMonth>>, ProblemHttpResult> StatisticsOf(string? from, string? to, CallStatistics statistics, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        DateOnly first = thisMonth.AddMonths(-11), last = thisMonth;
        const string range = "between 2000-01 and 2099-12";
        if (from is not null && !TryParseMonth(from, out first)) return Bad(ContactCentreCodes.InvalidMonth, $"from must be a month as yyyy-MM, {range}.", "from");
        if (to is not null && !TryParseMonth(to, out last)) return Bad(ContactCentreCodes.InvalidMonth, $"to must be a month as yyyy-MM, {range}.", "to");
        if (last < first || last > first.AddMonths(120)) return Bad(ContactCentreCodes.InvalidMonth, "to must not be before from, and at most 10 years after it.", "to");
        return TypedResults.Ok(statistics.Months(first, last));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool TryParseMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month)
        && month >= new DateOnly(2000, 1, 1) && month <= new DateOnly(2099, 12, 1);

    private static bool TryParseBirthDate(string? text, TimeProvider time, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date >= new DateOnly(1900, 1, 1) && date <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Null when <paramref name="text"/> is 1-<paramref name="max"/> characters of acceptable text; otherwise what is wrong.</summary>
    private static string? Text(string? text, string field, int max, bool multiLine)
    {
        if (string.IsNullOrWhiteSpace(text)) return $"{field} is required.";
        if (text.Trim().Length > max) return $"{field} is at most {max} characters.";
        return multiLine ? TextInput.CheckMultiLine(text, field) : TextInput.CheckLine(text, field);
    }

    /// <summary>The operator or supervisor acting, when their token names a department of this centre.</summary>
    private static OperatorAt? Staff(ClaimsPrincipal user) =>
        user.DepartmentOf() is { } department && Topics.IsDepartment(department) ? new OperatorAt(user.ActorId(), department) : null;

    private static ProblemHttpResult UnknownDepartment(ClaimsPrincipal user) =>
        new ApiProblem(403, ContactCentreCodes.UnknownDepartment,
            $"Your token names the department '{user.DepartmentOf()}', which is not one of {string.Join(", ", Topics.Departments)}.").ToResult();

    private static Results<Ok<CallView>, ProblemHttpResult> Answer((CallRecord? Call, ApiProblem? Problem) result) =>
        result.Problem is not null ? result.Problem.ToResult() : TypedResults.Ok(CallView.Of(result.Call!));

    private static ProblemHttpResult Bad(string code, string detail, string field) => ApiProblem.BadRequest(code, detail, field).ToResult();
}
