using IntegrationHub.Hub.Engine.Aggregation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Hub.Api;

/// <summary>
/// The hub's own problem codes (docs/problems.md) beside <see cref="RefusalCodes"/>, and a refusal's HTTP status;
/// answered through <see cref="ProblemResults"/> like every module's.
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
    public const string InvalidLimit = "invalid-limit";
    public const string StorageUnavailable = "storage-unavailable";
    public const string AuditRecordAltered = "audit-record-altered";

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
        return ProblemResults.Create(status, refusal.Code, refusal.Detail, refusal.Field);
    }

}
