using IntegrationHub.Mocks.Agencies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Mocks.Admin;

/// <summary>What a tester sends to <c>PUT /mocks/faults/{agency}</c>.</summary>
/// <param name="Kind">A <see cref="FaultKind"/> name, case-insensitive (<c>slow</c>, <c>ServerError</c>, <c>server-error</c>).</param>
public sealed record FaultRequest(string? Kind, int? DelayMs, int? Count, int? RetryAfterSeconds);

/// <summary>One agency's fault as the admin endpoint reports it.</summary>
/// <param name="Injected">Faulty answers given since the fault was set.</param>
/// <param name="Requests">Requests the agency's API received since start.</param>
public sealed record FaultState(string Agency, string Kind, int DelayMs, int Count, int RetryAfterSeconds, int Injected, bool Running, long Requests)
{
    internal static FaultState Of(MockAgency agency)
    {
        var plan = agency.Faults.Current;
        return new FaultState(agency.Key, plan.Kind.ToString(), plan.DelayMs, plan.Count, plan.RetryAfterSeconds, agency.Faults.Injected, agency.IsRunning, agency.Requests);
    }
}

/// <summary>
/// The testers' switchboard: turn a fault on or off for one agency at run time. Mapped by the mock
/// server (<c>dotnet run --project Mocks</c>, admin port) and by the hub in its in-process mocks mode,
/// so both answer the same way. Bad input gets an RFC 9457 problem with a stable <c>code</c>.
/// </summary>
public static class MockFaultsApi
{
    public const int MaxDelayMs = 600_000;
    public const int MaxRetryAfterSeconds = 3_600;

    // A key given twice is refused, not read as the last one.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    /// <summary>Maps <c>GET /mocks/faults</c>, <c>PUT</c> and <c>DELETE /mocks/faults/{agency}</c>, <c>DELETE /mocks/faults</c>.</summary>
    public static RouteGroupBuilder MapMockFaults(this IEndpointRouteBuilder endpoints, MockCountry country)
    {
        ArgumentNullException.ThrowIfNull(country);
        var group = endpoints.MapGroup("/mocks/faults").WithTags("Mock country");

        group.MapGet("/", () => TypedResults.Ok(country.Agencies.Select(FaultState.Of).ToList()))
            .WithName("GetMockFaults")
            .WithSummary("Every mock agency's current fault");

        group.MapPut("/{agency}", async Task<Results<Ok<FaultState>, ProblemHttpResult>> (string agency, HttpRequest request) =>
        {
            if (Find(country, agency) is not { } mock) return UnknownAgency(country, agency);
            FaultRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<FaultRequest>(request.Body, Json, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                return AdminProblem.Of(400, "malformed-json", $"The body is not a fault in JSON ({e.Message}). Example: {{\"kind\":\"slow\",\"delayMs\":3000}}.");
            }
            var parsed = Parse(body);
            if (parsed.Problem is { } problem) return problem;
            mock.Inject(parsed.Plan!);
            return TypedResults.Ok(FaultState.Of(mock));
        }).WithName("SetMockFault")
            .WithSummary("Sets one agency's fault: {kind, delayMs, count, retryAfterSeconds}")
            // The body is read by hand (the mock server has no JSON binding of its own); this says what it takes.
            .Accepts<FaultRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{agency}", Results<Ok<FaultState>, ProblemHttpResult> (string agency) =>
        {
            if (Find(country, agency) is not { } mock) return UnknownAgency(country, agency);
            mock.Inject(new FaultPlan(FaultKind.None));
            return TypedResults.Ok(FaultState.Of(mock));
        }).WithName("HealMockAgency")
            .WithSummary("Heals one agency (restarts it if it was down)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/", () =>
        {
            country.HealAll();
            return TypedResults.Ok(country.Agencies.Select(FaultState.Of).ToList());
        }).WithName("HealAllMockAgencies")
            .WithSummary("Heals every agency");

        return group;
    }

    /// <summary>Turns a request into a plan, or into the problem that says what is wrong with it.</summary>
    public static (FaultPlan? Plan, ProblemHttpResult? Problem) Parse(FaultRequest? request)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Kind))
        {
            return (null, AdminProblem.Of(400, "missing-fault-kind", $"Say which fault: \"kind\" is one of {KindList}.", "kind"));
        }
        // By exact name: Enum.TryParse would read "down,slow" as the OR of both.
        var name = request.Kind.Trim().Replace("-", "", StringComparison.Ordinal);
        var known = Enum.GetNames<FaultKind>().FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            return (null, AdminProblem.Of(400, "invalid-fault-kind", $"Unknown fault kind '{request.Kind}'; use one of {KindList}.", "kind"));
        }
        var kind = Enum.Parse<FaultKind>(known);
        var delay = request.DelayMs ?? 0;
        if (delay is < 0 or > MaxDelayMs)
        {
            return (null, AdminProblem.Of(400, "invalid-delay", $"delayMs ({delay}) must be between 0 and {MaxDelayMs}.", "delayMs"));
        }
        if (kind == FaultKind.Slow && delay == 0)
        {
            return (null, AdminProblem.Of(400, "invalid-delay", "A slow fault needs delayMs above 0, e.g. {\"kind\":\"slow\",\"delayMs\":3000}.", "delayMs"));
        }
        var count = request.Count ?? 0;
        if (count < 0)
        {
            return (null, AdminProblem.Of(400, "invalid-count", $"count ({count}) must not be negative (0 = until cleared).", "count"));
        }
        var retryAfter = request.RetryAfterSeconds ?? 1;
        if (retryAfter is < 0 or > MaxRetryAfterSeconds)
        {
            return (null, AdminProblem.Of(400, "invalid-retry-after", $"retryAfterSeconds ({retryAfter}) must be between 0 and {MaxRetryAfterSeconds}.", "retryAfterSeconds"));
        }
        return (new FaultPlan(kind, delay, count, retryAfter), null);
    }

    private static string KindList => string.Join(", ", Enum.GetNames<FaultKind>().Select(JsonNamingPolicy.CamelCase.ConvertName));

    private static MockAgency? Find(MockCountry country, string key) =>
        country.Agencies.FirstOrDefault(a => string.Equals(a.Key, key, StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult UnknownAgency(MockCountry country, string agency) =>
        AdminProblem.Of(404, "unknown-agency", $"No mock agency '{agency}'. Known: {string.Join(", ", country.Agencies.Select(a => a.Key))}.", "agency");
}
