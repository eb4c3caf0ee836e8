using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Web.Http;

/// <summary>
/// The one error shape of every module and of the hub: RFC 9457 problem details with a stable <c>code</c>
/// extension (and <c>field</c> when one request field is at fault); <c>type</c> is <see cref="TypeBase"/> +
/// code, <c>title</c> the code's (<see cref="ProblemTitles"/>) or else the status's reason phrase. Codes are
/// listed in docs/problems.md and never change meaning.
/// </summary>
public static class ProblemResults
{
    public const string TypeBase = "https://integrationhub.local/problems/";

    public static ProblemHttpResult Create(int status, string code, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null) extensions["field"] = field;
        var title = ProblemTitles.Of(code) ?? (ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error");
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code, extensions: extensions);
    }

    public static ProblemHttpResult BadRequest(string code, string detail, string? field = null) =>
        Create(StatusCodes.Status400BadRequest, code, detail, field);

    /// <summary>
    /// 503 <c>audit-unavailable</c> for a module's officer: their look at a citizen's data could not be recorded in the
    /// hub's audit, so nothing is shown (every module answers it in these words).
    /// </summary>
    public static ProblemHttpResult LookNotRecorded() => Create(StatusCodes.Status503ServiceUnavailable, "audit-unavailable",
        "The look could not be recorded in the hub's audit just now, so nothing is shown. Try again in a minute.");
}

/// <summary>
/// Why a request was not served, before it becomes an HTTP answer (<see cref="ToResult"/>): what a module's
/// service returns beside its result. A bulk line refused carries the same code and field.
/// </summary>
public sealed record ApiProblem(int Status, string Code, string Detail, string? Field = null)
{
    public ProblemHttpResult ToResult() => ProblemResults.Create(Status, Code, Detail, Field);

    public static ApiProblem BadRequest(string code, string detail, string? field = null) => new(StatusCodes.Status400BadRequest, code, detail, field);

    public static ApiProblem Unprocessable(string code, string detail, string? field = null) => new(StatusCodes.Status422UnprocessableEntity, code, detail, field);

    public static ApiProblem Conflict(string code, string detail, string? field = null) => new(StatusCodes.Status409Conflict, code, detail, field);
}
