using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// The access token of one agency whose <see cref="AgencyAuthenticationOptions.Kind"/> is <c>BearerToken</c>: fetched
/// from the token endpoint with the client credentials grant, kept until shortly before it expires (10 % of its
/// lifetime, at most a minute), and renewed when the registry refuses it. One request for a token at a time, however
/// many calls need one.
/// </summary>
/// <remarks>
/// The token request runs on its own client (<see cref="ClientName"/>) with the agency's timeouts and retries, and is
/// not tied to any one caller's cancellation: a caller that gives up stops waiting, and the others still get the token.
/// </remarks>
public sealed partial class AgencyTokenSource(
    string agency,
    IHttpClientFactory clients,
    IOptionsMonitor<AgencyOptions> options,
    TimeProvider time,
    ILogger<AgencyTokenSource> logger)
{
    private static readonly TimeSpan MaxMargin = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private Token? _current;
    private Task<Token>? _renewal;

    /// <summary>The name of the HTTP client that calls <paramref name="agency"/>'s token endpoint.</summary>
    public static string ClientName(string agency) => $"IntegrationHub.AgencyToken.{agency}";

    /// <summary>
    /// A token to send. <paramref name="refused"/> is one the registry has just refused with 401: a new one is fetched
    /// unless another call has already replaced it.
    /// </summary>
    public async Task<string> GetAsync(string? refused, CancellationToken cancellationToken)
    {
        Task<Token> renewal;
        lock (_lock)
        {
            if (_current is { } current && current.Value != refused && time.GetUtcNow() < current.RenewAt)
            {
                return current.Value;
            }
            renewal = _renewal ??= RenewAsync();
        }
        return (await renewal.WaitAsync(cancellationToken)).Value;
    }

    private async Task<Token> RenewAsync()
    {
        // Leave the lock the caller holds before any work, so that _renewal is set before this can finish.
        await Task.Yield();
        try
        {
            var token = await RequestAsync();
            lock (_lock) _current = token;
            return token;
        }
        finally
        {
            lock (_lock) _renewal = null;
        }
    }

    private async Task<Token> RequestAsync()
    {
        var settings = options.Get(agency).Authentication;
        var sent = time.GetUtcNow();
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (!string.IsNullOrWhiteSpace(settings.Scope)) form.Add(new("scope", settings.Scope));
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        // RFC 6749 2.3.1: HTTP Basic with the form-encoded id and secret, the scheme every token endpoint must accept.
        var credentials = $"{WebUtility.UrlEncode(settings.ClientId)}:{WebUtility.UrlEncode(settings.ClientSecret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName(agency)).SendAsync(request, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Unreachable, too slow, breaker open: whatever it was, the call that needed the token fails with it inside.
            LogTokenFailed(logger, agency, e.GetType().Name);
            throw new AgencyAuthenticationException("no access token from the agency's token endpoint", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                LogTokenRefused(logger, agency, (int)response.StatusCode);
                throw new AgencyAuthenticationException(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                    ? $"the agency's token endpoint refused the hub's client credentials (HTTP {(int)response.StatusCode})"
                    : $"the agency's token endpoint answered HTTP {(int)response.StatusCode}");
            }
            TokenResponse? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync(TokenJsonContext.Default.TokenResponse);
            }
            catch (JsonException e)
            {
                throw new AgencyAuthenticationException("the agency's token endpoint answered something that is not a token", e);
            }
            if (body is not { AccessToken.Length: > 0 } || !string.Equals(body.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase)
                || body.ExpiresIn is <= 0)
            {
                throw new AgencyAuthenticationException("the agency's token endpoint answered something that is not a bearer token");
            }
            // Without expires_in the token is kept until the registry refuses it.
            var renewAt = body.ExpiresIn is { } seconds
                ? sent + TimeSpan.FromSeconds(seconds) - Min(MaxMargin, TimeSpan.FromSeconds(seconds / 10.0))
                : DateTimeOffset.MaxValue;
            LogTokenIssued(logger, agency, body.ExpiresIn);
            return new Token(body.AccessToken, renewAt);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token for agency {Agency} obtained (expires in {ExpiresIn} s)")]
    private static partial void LogTokenIssued(ILogger logger, string agency, int? expiresIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token endpoint of agency {Agency} refused to issue a token: HTTP {Status}")]
    private static partial void LogTokenRefused(ILogger logger, string agency, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The token endpoint of agency {Agency} could not be asked for a token ({Failure})")]
    private static partial void LogTokenFailed(ILogger logger, string agency, string failure);

    private sealed record Token(string Value, DateTimeOffset RenewAt);
}

/// <summary>The hub could not authenticate to an agency. The message names no person and no secret: it becomes the data set's detail.</summary>
public sealed class AgencyAuthenticationException : Exception
{
    public AgencyAuthenticationException()
    {
    }

    public AgencyAuthenticationException(string message) : base(message)
    {
    }

    public AgencyAuthenticationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>A token endpoint's answer (RFC 6749 5.1).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);

// Some token endpoints send expires_in as a string.
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
