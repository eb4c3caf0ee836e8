using IntegrationHub.Contracts.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Modules.HubAccess;

/// <summary>What the hub answered to a profile request: exactly one of the three is set.</summary>
/// <param name="Profile">The profile, cut to what the policy lets this subsystem see.</param>
/// <param name="Refusal">The hub refused (bad input, not permitted, unknown person): asking again will not help.</param>
/// <param name="Unavailable">No answer in time (hub down, broker restarting): asking again later may help.</param>
public sealed record ProfileAnswer(HouseholdProfile? Profile, HouseholdProfileRefused? Refusal, string? Unavailable)
{
    public static ProfileAnswer Of(HouseholdProfile profile) => new(profile, null, null);

    public static ProfileAnswer Refused(HouseholdProfileRefused refusal) => new(null, refusal, null);

    public static ProfileAnswer NotAnswered(string why) => new(null, null, why);
}

/// <summary>How long a subsystem waits for the hub, all told (the host sets it a little above its request timeout).</summary>
public sealed class HubAccessOptions
{
    /// <summary>
    /// The whole wait, send included: the request timeout counts from the send, and a send caught by a broker
    /// restart can wait for a confirmation that never comes.
    /// </summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// How a subsystem asks the hub for a household profile: one request over the bus, with the request client's
/// timeout (set by the host above the hub's aggregation deadline) and a bound on the whole wait
/// (<see cref="HubAccessOptions.AnswerWithin"/>). Never throws for the hub or the broker being away; the
/// answer says so and the caller decides when to ask again (reusing its request id is safe).
/// </summary>
public sealed partial class HubProfileClient(
    IRequestClient<GetHouseholdProfile> client, IOptions<HubAccessOptions> options, TimeProvider time, ILogger<HubProfileClient> logger)
{
    public async Task<ProfileAnswer> GetAsync(GetHouseholdProfile request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var budget = new CancellationTokenSource(options.Value.AnswerWithin, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(request, linked.Token).Within(linked.Token);
            if (response.Is(out Response<HouseholdProfileResult>? result)) return ProfileAnswer.Of(result.Message.Profile);
            if (response.Is(out Response<HouseholdProfileRefused>? refused))
            {
                LogRefused(logger, request.RequestId, refused.Message.Reason);
                return ProfileAnswer.Refused(refused.Message);
            }
            return ProfileAnswer.NotAnswered("the hub answered with a message this subsystem does not know");
        }
        catch (RequestTimeoutException)
        {
            LogUnavailable(logger, request.RequestId, "timeout");
            return ProfileAnswer.NotAnswered("the hub did not answer in time");
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, request.RequestId, "no answer within " + options.Value.AnswerWithin);
            return ProfileAnswer.NotAnswered("the hub did not answer in time");
        }
        catch (MassTransitException e) when (e is not RequestException)
        {
            // The broker is away (connection refused, restarting): the request may not even have left.
            LogUnavailable(logger, request.RequestId, e.GetType().Name);
            return ProfileAnswer.NotAnswered("the message broker could not be reached");
        }
        catch (RequestFaultException e)
        {
            LogUnavailable(logger, request.RequestId, e.Fault?.Exceptions.FirstOrDefault()?.ExceptionType ?? "fault");
            return ProfileAnswer.NotAnswered("the hub failed to answer");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile request {RequestId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile request {RequestId} not answered ({Why}); it can be asked again")]
    private static partial void LogUnavailable(ILogger logger, Guid requestId, string why);
}

public static class HubAccessExtensions
{
    /// <summary>Registers <see cref="HubProfileClient"/>, <see cref="IdentityCheck"/>, <see cref="OfficerLookAudit"/> and <see cref="CorrectionRequests"/>; the host registers the request client itself.</summary>
    public static IServiceCollection AddHubProfileClient(this IServiceCollection services)
    {
        services.AddScoped<HubProfileClient>();
        services.AddScoped<IdentityCheck>();
        services.AddScoped<OfficerLookAudit>();
        services.AddScoped<CorrectionRequests>();
        return services;
    }
}
