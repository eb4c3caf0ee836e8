using System.Net;
using System.Text.Json;
using IntegrationHub.Contracts.Profiles;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace IntegrationHub.Adapters.Common;

/// <summary>Turns what an agency call threw into a data set status and a short, non-personal detail.</summary>
public static class AgencyFailure
{
    public static (SourceStatus Status, string Detail) Classify(Exception exception, bool deadlineReached)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (deadlineReached)
        {
            return (SourceStatus.TimedOut, "no answer before the profile deadline");
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException:
                    return (SourceStatus.CircuitOpen, "circuit open: the agency failed repeatedly and is not being called");
                case TimeoutRejectedException:
                    return (SourceStatus.TimedOut, "the agency did not answer within its time budget");
                case RateLimiterRejectedException:
                    return (SourceStatus.Failed, "the agency's call quota is exhausted");
                case AgencyAuthenticationException authentication when authentication.InnerException is { } cause:
                    // What kept the token from coming (too slow, unreachable) decides the status; the detail says it was the token.
                    var (status, detail) = Classify(cause, deadlineReached: false);
                    return (status, $"{authentication.Message}: {detail}");
                case AgencyAuthenticationException authentication:
                    return (SourceStatus.Failed, authentication.Message);
                case AgencyPagingException paging:
                    return (SourceStatus.Failed, paging.Message);
                case JsonException:
                    return (SourceStatus.Failed, "the agency's answer could not be read (malformed body)");
                case FormatException:
                    // Mappers throw it for codes or identifiers the canonical model has no place for.
                    // Its message may name a person, so it stays out of the detail.
                    return (SourceStatus.Failed, "the agency's answer could not be read (malformed content)");
                case ApiException api when api.StatusCode == HttpStatusCode.TooManyRequests:
                    return (SourceStatus.Failed, "the agency is rate-limiting the hub (HTTP 429)");
                case ApiException api when api.InnerException is null:
                    return (SourceStatus.Failed, $"the agency answered HTTP {(int)api.StatusCode}");
                case HttpRequestException:
                    return (SourceStatus.Failed, "the agency could not be reached or broke the connection");
                case OperationCanceledException:
                    return (SourceStatus.TimedOut, "the call was cancelled before an answer arrived");
            }
        }
        return (SourceStatus.Failed, $"unexpected failure ({exception.GetType().Name})");
    }
}
