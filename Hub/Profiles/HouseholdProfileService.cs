using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Aggregation;
using MassTransit;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Profiles;

/// <summary>Who is asking: the authenticated subsystem and, when a person acts, the officer.</summary>
public sealed record ProfileCaller(string Subsystem, string? Officer = null);

/// <summary>
/// The one use case behind both doors (HTTP API and <see cref="GetHouseholdProfile"/> consumer): parse the
/// request, assemble the profile, announce it. A request id seen again from the same caller within
/// <see cref="ReplayWindow"/> is answered from the first assembly (joining it while it still runs), so a
/// redelivered or retried message never assembles twice.
/// </summary>
public sealed partial class HouseholdProfileService(
    HouseholdAggregator aggregator,
    IOptions<AggregationOptions> options,
    IMemoryCache recent,
    IBus bus,
    ILogger<HouseholdProfileService> logger)
{
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public Task<Refusable<HouseholdProfile>> GetAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var key = (nameof(HouseholdProfileService), caller.Subsystem, requestId);
        var first = recent.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReplayWindow;
            // The assembly is not tied to the first caller's token: a repeat may be waiting on it.
            return new Lazy<Task<Refusable<HouseholdProfile>>>(() => AssembleAsync(requestId, request, caller, CancellationToken.None));
        })!;
        var task = first.Value;
        if (task.IsFaulted) recent.Remove(key);
        return task.WaitAsync(cancellationToken);
    }

    private async Task<Refusable<HouseholdProfile>> AssembleAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        var parsed = ProfileRequestParser.Parse(request, options.Value.MaxMembers);
        if (parsed.Refusal is { } invalid) return invalid;

        var outcome = await aggregator.AssembleAsync(parsed.Value!, cancellationToken);
        if (outcome.Value is { } profile) await AnnounceAsync(requestId, profile, caller);
        return outcome;
    }

    private async Task AnnounceAsync(Guid requestId, HouseholdProfile profile, ProfileCaller caller)
    {
        // The event is for dashboards and statistics; losing it must not cost the caller the profile.
        try
        {
            await bus.Publish(new HouseholdProfileAssembled(
                requestId, profile.ProfileId, caller.Subsystem, profile.Purpose, profile.Members.Count, profile.Complete,
                profile.Elapsed, profile.AssembledAt, profile.Sources, Environment.MachineName + ":" + Environment.ProcessId));
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
