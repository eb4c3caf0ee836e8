using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Subsystems.Common.HubAccess;

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

/// <summary>
/// How a subsystem asks the hub for a household profile: one request over the bus, with the request client's
/// timeout (set by the host above the hub's aggregation deadline). Never throws for the hub being away;
/// the answer says so and the caller decides when to ask again (reusing its request id is safe).
/// </summary>
public sealed partial class HubProfileClient(IRequestClient<GetHouseholdProfile> client, ILogger<HubProfileClient> logger)
{
    public async Task<ProfileAnswer> GetAsync(GetHouseholdProfile request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(request, cancellationToken);
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
    /// <summary>Registers <see cref="HubProfileClient"/>; the host registers the request client itself.</summary>
    public static IServiceCollection AddHubProfileClient(this IServiceCollection services)
    {
        services.AddScoped<HubProfileClient>();
        return services;
    }
}
