using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Engine.Events;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>Announces an assembled profile (<see cref="HouseholdProfileAssembled"/>), best effort and off the answer's path.</summary>
public sealed partial class ProfileAnnouncer(IEventPublisher events, ILogger<ProfileAnnouncer> logger)
{
    public async Task AnnounceAsync(Guid requestId, HouseholdProfile profile, ProfileCaller caller)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(caller);
        // The event is for dashboards and statistics; losing it must not cost the caller the profile, nor hold
        // the answer (the publisher bounds its wait: a publish caught by a broker restart may never be confirmed).
        try
        {
            await events.PublishAsync(new HouseholdProfileAssembled(
                requestId, profile.ProfileId, caller.Subsystem, profile.Purpose, profile.Members.Count, profile.Complete,
                profile.Elapsed, profile.AssembledAt, profile.Sources, Environment.MachineName + ":" + Environment.ProcessId), CancellationToken.None);
        }
#pragma warning disable CA1031 // Publishing is best effort by design (see above).
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAnnounceFailed(logger, e, profile.ProfileId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce profile {ProfileId}")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, Guid profileId);
}
