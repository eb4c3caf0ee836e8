using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Hub.Api;

/// <summary>
/// JSON bodies are UTF-8 (RFC 8259 §8.1). A JSON Content-Type naming another charset is refused with 415
/// <c>unsupported-charset</c> before any endpoint reads the body: left to the framework, a charset .NET does not
/// know (<c>ebcdic</c>, <c>utf-7</c>, an empty one) failed the request with 500, and one it knows (<c>utf-16</c>)
/// was transcoded from bytes no client meant as UTF-16. <c>charset="utf-8"</c> (quoted, as RFC 9110 allows) is
/// UTF-8 and is passed on unquoted, which is the form the framework reads.
/// </summary>
public static class JsonCharset
{
    public static IApplicationBuilder UseUtf8JsonBodies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            // The common headers need no parsing (a parse and its lists per request).
            if (request.ContentType is { } header && !IsPlainUtf8Json(header) && MediaTypeHeaderValue.TryParse(header, out var media) && IsJson(media))
            {
                var charsets = media.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
                var named = charsets.Select(p => HeaderUtilities.RemoveQuotes(p.Value).ToString()).ToList();
                if (named.Any(c => !c.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
                {
                    var shown = string.Join(", ", named.Select(c => $"'{c}'"));
                    await ProblemResults.Create(StatusCodes.Status415UnsupportedMediaType, Problems.UnsupportedCharset,
                        $"The body's charset {shown} is not UTF-8; send JSON as UTF-8 (Content-Type: application/json, or application/json; charset=utf-8).")
                        .ExecuteAsync(context);
                    return;
                }
                if (charsets.Count > 0 && charsets.Any(p => p.Value != "utf-8"))
                {
                    foreach (var p in charsets) p.Value = "utf-8";
                    request.ContentType = media.ToString();
                }
            }
            await next(context);
        });
    }

    private static bool IsPlainUtf8Json(string header) =>
        header.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || header.Equals("application/json; charset=utf-8", StringComparison.Ordinal);

    private static bool IsJson(MediaTypeHeaderValue media) =>
        media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
