using System.Security.Claims;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Hub.Api;

/// <summary>The household-profile API, version 1.</summary>
public static class ProfilesApi
{
    public static RouteGroupBuilder MapProfilesApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/profiles").WithTags("Profiles")
            .RequireSystem(CallerRoles.Subsystem);
        api.MapPost("/", AssembleAsync)
            .WithName("AssembleProfile")
            .WithSummary("Assemble a household profile")
            .WithDescription("Resolves the applicant's household (declared, or proposed from the registries), asks every agency about every member in parallel under one deadline, and returns the profile with per-source status and provenance. A failing agency gives a partial profile, never an error.")
            .Accepts<ProfileRequest>("application/json")
            .WithRequestExample("""{"applicant":"WDT8LT0","declaredMembers":[{"fin":"3ABVK9J","relation":"Spouse"}],"purpose":"targeted-social-assistance","caseNumber":"VEM-2026-000001"}""")
            .Produces<HouseholdProfile>(StatusCodes.Status200OK, "application/json")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AssembleAsync(
        ProfileRequest request, ClaimsPrincipal user, HouseholdProfileService profiles, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = new ProfileCaller(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var answer = await profiles.GetOnceAsync(request, caller, cancellationToken);
        // The JSON's rented memory goes back to the pool once the response is done, not before.
        if (answer.Rented is { } rented) http.Response.RegisterForDispose(rented);
        // The bytes the audit record's profile hash was taken from, sent unchanged.
        return answer.Outcome.Refusal is { } refused ? Problems.From(refused) : TypedResults.Bytes(answer.Json, "application/json");
    }
}
