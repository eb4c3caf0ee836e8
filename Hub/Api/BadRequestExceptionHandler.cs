using System.Text.Json;
using IntegrationHub.Hub.Engine.Audit;
using Microsoft.AspNetCore.Diagnostics;

namespace IntegrationHub.Hub.Api;

/// <summary>
/// Requests the framework cannot bind (malformed JSON, a missing body, the wrong content type) get the
/// same problem shape as every other error, with a code that names the problem, instead of a bare 400
/// (or a 500).
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad) return false;
        var json = FindJsonException(bad);
        var problem = bad.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => ProblemResults.Create(415, Problems.UnsupportedMediaType, "Send the request body as application/json."),
            _ when json is not null => ProblemResults.Create(400, RefusalCodes.MalformedJson, $"The request body is not valid JSON for this endpoint: {json.Message}"),
            _ => ProblemResults.Create(bad.StatusCode, Problems.MalformedRequest, bad.Message),
        };
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json) return json;
        }
        return null;
    }
}

/// <summary>
/// A shared store's database that cannot be reached (Storage:Provider=Postgres, the server down or unreachable): a 503
/// with the code <c>storage-unavailable</c> and a Retry-After, never a 500. (A profile never gets here: its audit
/// record could not be written, so it is refused as <c>audit-unavailable</c> before anything is returned.)
/// </summary>
public sealed class StorageUnavailableExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not IntegrationHub.Storage.StorageUnavailableException) return false;
        httpContext.Response.Headers.RetryAfter = "5";
        await ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, Problems.StorageUnavailable,
            "The database this answer is read from cannot be reached; try again shortly.").ExecuteAsync(httpContext);
        return true;
    }
}

/// <summary>
/// An audit search that met a record altered in the log since it was written: a 409 with the code
/// <c>audit-record-altered</c> naming the record, never a 500 (and never an answer without that record).
/// </summary>
public sealed class AuditRecordAlteredExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not AuditRecordAlteredException altered) return false;
        await ProblemResults.Create(StatusCodes.Status409Conflict, Problems.AuditRecordAltered, altered.Message).ExecuteAsync(httpContext);
        return true;
    }
}
