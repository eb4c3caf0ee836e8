using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Web.Http;

/// <summary>
/// The one error shape of every module and of the hub: RFC 9457 problem details with a stable <c>code</c>
/// extension (and <c>field</c> when one request field is at fault); <c>type</c> is <see cref="TypeBase"/> +
/// code. Codes are listed in docs/problems.md and never change meaning.
/// </summary>
public static class ProblemResults
{
    public const string TypeBase = "https://integrationhub.local/problems/";

    /// <param name="title">The code's title; null gives the status's reason phrase ("Forbidden", "Not Found", ...).</param>
    public static ProblemHttpResult Create(int status, string code, string? title, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null) extensions["field"] = field;
        title ??= ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code, extensions: extensions);
    }
}
