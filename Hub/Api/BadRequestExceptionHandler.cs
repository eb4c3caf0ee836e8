using IntegrationHub.Contracts.Messaging;
using System.Text.Json;
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
            StatusCodes.Status415UnsupportedMediaType => Problems.Create(415, Problems.UnsupportedMediaType, "Send the request body as application/json."),
            _ when json is not null => Problems.Create(400, RefusalCodes.MalformedJson, $"The request body is not valid JSON for this endpoint: {json.Message}"),
            _ => Problems.Create(bad.StatusCode, Problems.MalformedRequest, bad.Message),
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
