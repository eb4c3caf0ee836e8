using IntegrationHub.Mocks.LifeEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Mocks.Admin;

/// <summary>What a tester sends to <c>POST /mocks/life-events</c>.</summary>
/// <param name="Kind">birth, death, move, marriage, divorce, contract-started, contract-ended, disability-assessed or pension-granted.</param>
/// <param name="Fin">Whom it happens to (for a birth: a parent, the mother or her husband).</param>
/// <param name="Partner">For a marriage: whom they marry (someone suitable when left out).</param>
/// <param name="Date">The day of the change (yyyy-MM-dd); today when left out.</param>
public sealed record LifeEventRequest(string? Kind, string? Fin, string? Partner, string? Date);

/// <summary>An event the mock country sent, as a tester sees it (synthetic people: FINs shown).</summary>
public sealed record SentEventView(string Id, string Agency, string Kind, IReadOnlyList<string> Fins, DateOnly Date, DateTimeOffset CreatedAt,
    string State, int Attempts, int? LastStatus, string? LastError, Guid? ChangeId)
{
    internal static SentEventView Of(SentEvent e) =>
        new(e.Id, e.Agency, e.Kind, e.Fins, e.Date, e.CreatedAt, e.State, e.Attempts, e.LastStatus, e.LastError, e.ChangeId);
}

/// <summary>
/// The testers' life events: make one change happen to one person, and see what the agencies sent the hub. Mapped by
/// the mock server (admin port) and by the hub in its default mode (role <c>tester</c>).
/// </summary>
public static class MockLifeEventsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    public static RouteGroupBuilder MapMockLifeEvents(this IEndpointRouteBuilder endpoints, MockCountry country)
    {
        ArgumentNullException.ThrowIfNull(country);
        var group = endpoints.MapGroup("/mocks/life-events").WithTags("Mock country");

        group.MapGet("/", () => TypedResults.Ok(country.Events.Sent.Reverse().Select(SentEventView.Of).ToList()))
            .WithName("GetMockLifeEvents")
            .WithSummary("The events the mock agencies sent (or are sending) to the hub, newest first, with where each stands");

        group.MapPost("/", async Task<Results<Accepted<IReadOnlyList<SentEventView>>, ProblemHttpResult>> (HttpRequest request) =>
        {
            LifeEventRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<LifeEventRequest>(request.Body, Json, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                return AdminProblem.Of(400, "malformed-json", $"The body is not a life event in JSON ({e.Message}). Example: {{\"kind\":\"death\",\"fin\":\"WDT8LT0\"}}.");
            }
            if (body?.Kind is not { } kind || !SyntheticPopulation.ChangeKinds.ContainsKey(kind))
            {
                return AdminProblem.Of(400, "invalid-life-event-kind", $"Say what happens: \"kind\" is one of {string.Join(", ", SyntheticPopulation.ChangeKinds.Keys)}.", "kind");
            }
            if (string.IsNullOrWhiteSpace(body.Fin)) return AdminProblem.Of(400, "invalid-fin", "Say to whom: \"fin\" is a person of the mock country (GET /mocks/samples).", "fin");
            DateOnly? date = null;
            if (body.Date is not null)
            {
                if (!DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    return AdminProblem.Of(400, "invalid-date", "date is a day as yyyy-MM-dd (today when left out).", "date");
                }
                date = parsed;
            }
            try
            {
                var sent = country.Change(kind, body.Fin.Trim(), date, body.Partner?.Trim());
                return TypedResults.Accepted("/mocks/life-events", (IReadOnlyList<SentEventView>)sent.Select(SentEventView.Of).ToList());
            }
            catch (LifeChangeRefusedException e)
            {
                return e.Code == "unknown-person"
                    ? AdminProblem.Of(404, "unknown-person", e.Message, body.Partner is not null && e.Message.Contains(body.Partner, StringComparison.Ordinal) ? "partner" : "fin")
                    : AdminProblem.Of(409, "life-event-not-applicable", e.Message, "fin");
            }
        }).WithName("TriggerMockLifeEvent")
            .WithSummary("Makes one change happen to one person ({kind, fin, partner?, date?}): the agencies' data changes at once and their signed events leave for the hub")
            .Accepts<LifeEventRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
