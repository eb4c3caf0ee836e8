using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Hub.Api;

/// <summary>
/// The one error shape at the edge: RFC 9457 problem details with a stable <c>code</c> extension (and
/// <c>field</c> when one request field is at fault). Codes are listed in docs/problems.md.
/// </summary>
public static class Problems
{
    public const string TypeBase = ProblemResults.TypeBase;

    // The codes of the HTTP door itself (authentication, routing, body reading), beside RefusalCodes.
    public const string AuthenticationRequired = "authentication-required";
    public const string InvalidApiKey = "invalid-api-key";
    public const string Forbidden = "forbidden";
    public const string NoSuchEndpoint = "no-such-endpoint";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string UnsupportedCharset = "unsupported-charset";
    public const string MalformedRequest = "malformed-request";
    public const string InvalidPage = "invalid-page";
    public const string InvalidLimit = "invalid-limit";
    public const string StorageUnavailable = "storage-unavailable";

    public static ProblemHttpResult From(ProfileRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var status = refusal.Code switch
        {
            RefusalCodes.UnknownPerson => StatusCodes.Status404NotFound,
            RefusalCodes.UnknownMember => StatusCodes.Status422UnprocessableEntity,
            RefusalCodes.UnknownCaller or RefusalCodes.NotPermitted => StatusCodes.Status403Forbidden,
            RefusalCodes.AuditUnavailable => StatusCodes.Status503ServiceUnavailable,
            RefusalCodes.RequestIdReused => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Create(status, refusal.Code, refusal.Detail, refusal.Field);
    }

    public static ProblemHttpResult Create(int status, string code, string detail, string? field = null) =>
        ProblemResults.Create(status, code, Title(code), detail, field);

    private static string? Title(string code) => code switch
    {
        RefusalCodes.InvalidFin => "Invalid FIN",
        RefusalCodes.InvalidRelation => "Invalid relation",
        RefusalCodes.MissingPurpose => "Purpose missing",
        RefusalCodes.InvalidPurpose => "Invalid purpose",
        RefusalCodes.MissingCaseNumber => "Case number missing",
        RefusalCodes.DuplicateMember => "Member named twice",
        RefusalCodes.TooManyMembers => "Household too large",
        RefusalCodes.UnknownPerson => "Unknown person",
        RefusalCodes.UnknownMember => "Unknown household member",
        RefusalCodes.MalformedJson => "Malformed JSON",
        RefusalCodes.UnknownCaller => "Unknown caller",
        RefusalCodes.NotPermitted => "Not permitted",
        RefusalCodes.AuditUnavailable => "Audit log unavailable",
        RefusalCodes.MissingRequestId => "Request id missing",
        RefusalCodes.RequestIdReused => "Request id reused",
        RefusalCodes.InvalidCharacters => "Invalid characters",
        AuthenticationRequired => "Authentication required",
        InvalidApiKey => "Invalid API key",
        Forbidden => "Forbidden",
        NoSuchEndpoint => "No such endpoint",
        MethodNotAllowed => "Method not allowed",
        UnsupportedMediaType => "Unsupported media type",
        UnsupportedCharset => "Unsupported charset",
        MalformedRequest => "Malformed request",
        InvalidPage => "Invalid page",
        InvalidLimit => "Invalid limit",
        Operations.StatisticsApi.InvalidMonth => "Invalid month",
        Operations.StatisticsApi.InvalidMonthRange => "Invalid range of months",
        // Any other code: the status's reason phrase.
        _ => null,
    };
}
