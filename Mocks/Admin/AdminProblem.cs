using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Mocks.Admin;

/// <summary>The mock admin endpoints' problem details: a stable code, its title, and the field at fault.</summary>
internal static class AdminProblem
{
    /// <summary>The problem with <paramref name="code"/>; a code without a title below is a programming error.</summary>
    public static ProblemHttpResult Of(int status, string code, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null) extensions["field"] = field;
        return TypedResults.Problem(detail: detail, statusCode: status, title: Title(code), type: "https://integrationhub.local/problems/" + code, extensions: extensions);
    }

    private static string Title(string code) => code switch
    {
        "malformed-json" => "Malformed JSON",
        "unknown-agency" => "Unknown agency",
        "missing-fault-kind" => "Fault kind missing",
        "invalid-fault-kind" => "Invalid fault kind",
        "invalid-delay" => "Invalid delay",
        "invalid-count" => "Invalid count",
        "invalid-retry-after" => "Invalid Retry-After",
        "invalid-life-event-kind" => "Invalid life event kind",
        "invalid-fin" => "Invalid FIN",
        "invalid-date" => "Invalid date",
        "unknown-person" => "Unknown person",
        "life-event-not-applicable" => "Life event not applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "a mock admin problem code without a title"),
    };
}
