using IntegrationHub.Hub.Engine.LifeEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Hub.Api;

/// <summary>
/// Life events, version 1 (docs/life-events.md): the agencies' door (a signed CloudEvent, no API key: the signature
/// is the credential), the operators' dead letters with their retry, and the counts for the dashboard.
/// </summary>
public static class LifeEventsApi
{
    /// <summary>The OpenAPI security scheme that documents the agencies' signature.</summary>
    public const string SignatureScheme = "AgencySignature";

    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapLifeEventsApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/life-events").WithTags("Life events");
        api.MapPost("/", ReceiveAsync)
            .AllowAnonymous()
            .WithSecuritySchemes(SignatureScheme)
            .WithName("ReceiveLifeEvent")
            .WithSummary("An agency tells the hub that something changed about people: one CloudEvent 1.0, structured JSON, signed")
            .WithDescription($"Signed with the agency's EC P-256 key over the body exactly as sent ({LifeEventIntake.KeyHeader}: the key's id, {LifeEventIntake.SignatureHeader}: the signature, P1363, base64). source urn:az:gov:{{agency}}, type az.gov.{{agency}}.{{kind}}, data {{\"persons\":[FIN, ...],\"date\":\"yyyy-MM-dd\"}}. 202 once the event is on disk; the same event again (same agency, id and content) is 200 and changes nothing.")
            .Accepts<LifeEventDocument>(LifeEventIntake.MediaType)
            .WithRequestExample("""{"specversion":"1.0","id":"pop-2026-000123","source":"urn:az:gov:population","type":"az.gov.population.death","time":"2026-03-14T09:30:00Z","datacontenttype":"application/json","data":{"persons":["WDT8LT0"],"date":"2026-03-13"}}""")
            .Produces<LifeEventAccepted>(StatusCodes.Status202Accepted)
            .Produces<LifeEventAccepted>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/state", State)
            .WithName("GetLifeEventsState")
            .WithSummary("Events per agency, kind and state, refusals by agency and code, processing lag (counts only, open like /metrics)");

        var operators = api.MapGroup("").RequireSystem(CallerRoles.Operator);
        operators.MapGet("/", List)
            .WithName("ListLifeEvents")
            .WithSummary("The inbox, newest first; state=failed is the dead-letter list")
            .WithDescription("Each event with its agency, kind, date, how many people it names (not who), state, attempts, operator retries and the last error.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        operators.MapGet("/{changeId:guid}", Get)
            .WithName("GetLifeEvent")
            .WithSummary("One event of the inbox and where it stands")
            .ProducesProblem(StatusCodes.Status404NotFound);
        operators.MapPost("/{changeId:guid}/retry", RetryAsync)
            .WithName("RetryLifeEvent")
            .WithSummary("Retries a dead letter: back to received, passed on again at once (its retry counted)")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Accepted<LifeEventAccepted>, Ok<LifeEventAccepted>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request,
        [FromHeader(Name = LifeEventIntake.KeyHeader)] string? key,
        [FromHeader(Name = LifeEventIntake.SignatureHeader)] string? signature,
        LifeEventIntake intake,
        Microsoft.Extensions.Options.IOptions<LifeEventOptions> options,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxEventBytes;
        byte[] body;
        if (request.ContentLength > limit)
        {
            body = new byte[limit + 1];
        }
        else
        {
            // Read at most one byte beyond the limit: enough to know it is too large.
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit) break;
            }
            body = buffer.ToArray();
        }
        var result = await intake.AdmitAsync(body, request.ContentType, key, signature, cancellationToken);
        if (result.Code is { } code) return ProblemResults.Create(result.Status, code, result.Detail!, result.Field);
        var accepted = LifeEventAccepted.Of(result.Event!, result.Duplicate);
        return result.Duplicate ? TypedResults.Ok(accepted) : TypedResults.Accepted($"/api/v1/life-events/{accepted.ChangeId}", accepted);
    }

    private static Ok<LifeEventsState> State(ILifeEventInbox inbox, LifeEventStats stats, TimeProvider time)
    {
        var (totals, latest) = stats.Refusals();
        var lag = stats.Lag();
        return TypedResults.Ok(new LifeEventsState(
            time.GetUtcNow(),
            inbox.Counts().Select(c => new LifeEventCount(c.Agency, c.Kind, c.State, c.Count)).ToList(),
            totals.Select(r => new RefusalCount(r.Agency, r.Code, r.Count)).ToList(),
            latest,
            lag is { } l ? new LagSeconds(l.P50, l.P95, l.Max) : null));
    }

    private static Results<Ok<LifeEventPage>, ProblemHttpResult> List(ILifeEventInbox inbox, string? state, int? page, int? pageSize)
    {
        if (state is not null && !InboxStates.All.Contains(state))
        {
            return ProblemResults.Create(StatusCodes.Status400BadRequest, LifeEventProblems.InvalidState, $"state must be one of {string.Join(", ", InboxStates.All)}.", "state");
        }
        if (Paging.Check(page, pageSize, MaxPageSize) is { } bad) return bad.ToResult();
        var found = inbox.List(state, page ?? 1, pageSize ?? 50);
        return TypedResults.Ok(new LifeEventPage(found.Page, found.PageSize, found.Total, found.Items.Select(LifeEventView.Of).ToList()));
    }

    private static Results<Ok<LifeEventView>, ProblemHttpResult> Get(Guid changeId, ILifeEventInbox inbox) =>
        inbox.Find(changeId) is { } found ? TypedResults.Ok(LifeEventView.Of(found)) : UnknownEvent(changeId);

    private static async Task<Results<Ok<LifeEventView>, ProblemHttpResult>> RetryAsync(Guid changeId, LifeEventProcessor processor, CancellationToken cancellationToken)
    {
        var (outcome, retried) = await processor.RetryAsync(changeId, cancellationToken);
        return outcome switch
        {
            RetryOutcome.Retried => TypedResults.Ok(LifeEventView.Of(retried!)),
            RetryOutcome.NotFailed => ProblemResults.Create(StatusCodes.Status409Conflict, LifeEventProblems.EventNotFailed, $"Event {changeId} is {retried!.State}: only a failed event (a dead letter) is retried.", "changeId"),
            _ => UnknownEvent(changeId),
        };
    }

    private static ProblemHttpResult UnknownEvent(Guid changeId) =>
        ProblemResults.Create(StatusCodes.Status404NotFound, LifeEventProblems.UnknownEvent, $"No event {changeId} in the inbox.", "changeId");
}

/// <summary>A CloudEvent 1.0 in structured mode as an agency sends it (the OpenAPI document's picture of the body).</summary>
/// <param name="Specversion">1.0</param>
/// <param name="Id">The agency's id of the event, 1-128 printable ASCII characters: the same id is the same event.</param>
/// <param name="Source">urn:az:gov:{agency}, the agency whose key signed it.</param>
/// <param name="Type">az.gov.{agency}.{kind}: a kind the agency may report (docs/life-events.md).</param>
/// <param name="Time">When the agency recorded the change.</param>
/// <param name="Datacontenttype">application/json, or absent.</param>
public sealed record LifeEventDocument(string Specversion, string Id, string Source, string Type, DateTimeOffset? Time, string? Datacontenttype, LifeEventData Data);

/// <param name="Persons">FINs: the person the change is about first (the child born, the person who died or moved), then the others it ties to them.</param>
/// <param name="Date">The day the change took effect.</param>
public sealed record LifeEventData(IReadOnlyList<string> Persons, DateOnly Date);

/// <param name="ChangeId">The hub's id of the event (its operators' API, <c>PersonChanged</c>).</param>
/// <param name="Duplicate">True when the hub already had this event: nothing changed.</param>
public sealed record LifeEventAccepted(Guid ChangeId, string State, bool Duplicate, DateTimeOffset ReceivedAt)
{
    public static LifeEventAccepted Of(InboxEvent stored, bool duplicate)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new(stored.ChangeId, stored.State, duplicate, stored.ReceivedAt);
    }
}

/// <summary>An event as operators see it: no FIN, only how many people it names.</summary>
public sealed record LifeEventView(
    Guid ChangeId, string Agency, string EventId, string Kind, DateOnly Date, int Persons, DateTimeOffset ReceivedAt, string State,
    int Attempts, int Retries, string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset? ProcessedAt, DateTimeOffset? FailedAt, IReadOnlyList<string> DeliveredTo)
{
    public static LifeEventView Of(InboxEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.ChangeId, e.Agency, e.EventId, e.Kind, e.Date, e.Fins.Count, e.ReceivedAt, e.State, e.Attempts, e.Retries, e.LastError,
            e.NextAttemptAt, e.ProcessedAt, e.FailedAt, e.DeliveredTo);
    }
}

public sealed record LifeEventPage(int Page, int PageSize, long Total, IReadOnlyList<LifeEventView> Items);

public sealed record LifeEventCount(string Agency, string Kind, string State, long Count);

public sealed record RefusalCount(string Agency, string Code, long Count);

public sealed record LagSeconds(double P50, double P95, double Max);

/// <param name="Events">The inbox's events per agency, kind and state, all time.</param>
/// <param name="Refused">Refusals since this instance started, by agency (unknown: the key was not known) and code.</param>
/// <param name="LatestRefusals">The latest refusals, newest first.</param>
/// <param name="Lag">From arrival to being passed on, over the latest events; absent before any.</param>
public sealed record LifeEventsState(DateTimeOffset At, IReadOnlyList<LifeEventCount> Events, IReadOnlyList<RefusalCount> Refused, IReadOnlyList<RefusedEvent> LatestRefusals, LagSeconds? Lag);
