using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// Puts the agency's credentials on each request: its API key header, or a bearer token (renewed once when the
/// registry answers 401, then the request is sent once more). A client certificate is not a header: the primary
/// handler presents it (<see cref="AgencyTls"/>).
/// </summary>
/// <remarks>
/// It sits outside the resilience handler: a retry reuses the credentials already set, and the one retry after a
/// 401 goes through the whole pipeline again with the new token.
/// </remarks>
public sealed class AgencyCredentialsHandler(string agency, IOptionsMonitor<AgencyOptions> options, AgencyTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authentication = options.Get(agency).Authentication;
        switch (authentication.ParsedKind)
        {
            case AgencyAuthenticationKind.ApiKey:
                request.Headers.Remove(authentication.HeaderName!);
                request.Headers.TryAddWithoutValidation(authentication.HeaderName!, authentication.Key);
                return await base.SendAsync(request, cancellationToken);

            case AgencyAuthenticationKind.BearerToken:
                var token = await tokens.GetAsync(refused: null, cancellationToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
                // Revoked or expired ahead of its time: one new token and one more try, never a loop.
                response.Dispose();
                token = await tokens.GetAsync(refused: token, cancellationToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await base.SendAsync(request, cancellationToken);

            default:
                return await base.SendAsync(request, cancellationToken);
        }
    }
}
