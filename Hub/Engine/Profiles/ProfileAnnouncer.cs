using System.Threading.Channels;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Engine.Events;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>
/// Announces an assembled profile (<see cref="HouseholdProfileAssembled"/>), best effort and off the answer's path:
/// <see cref="Announce"/> queues the event and returns; a few background publishers send the queue to the bus.
/// </summary>
/// <remarks>
/// The event is for dashboards and statistics; losing it must not cost the caller the profile, nor hold the answer
/// (the publisher bounds each send: a publish caught by a broker restart may never be confirmed). The queue is
/// bounded (<see cref="Capacity"/>): when the bus falls that far behind, further events are dropped and logged.
/// What is queued when the host stops is sent before any hosted service stops (<see cref="StoppingAsync"/>, the host's
/// first step of stopping), so while the bus still runs, whatever order the services were registered in; each send is
/// bounded, and the host's shutdown timeout bounds the whole drain.
/// </remarks>
public sealed partial class ProfileAnnouncer(IEventPublisher events, ILogger<ProfileAnnouncer> logger) : BackgroundService, IHostedLifecycleService
{
    /// <summary>Events waiting for the bus at most; beyond it they are dropped (logged).</summary>
    public const int Capacity = 10_000;

    /// <summary>Sends in flight at once: one stuck send does not hold the others.</summary>
    private const int Publishers = 4;

    private readonly Channel<HouseholdProfileAssembled> _queue = Channel.CreateBounded<HouseholdProfileAssembled>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false, SingleReader = false });

    /// <summary>Queues the announcement of <paramref name="profile"/>; never waits, never throws.</summary>
    public void Announce(Guid requestId, HouseholdProfile profile, ProfileCaller caller)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(caller);
        var message = new HouseholdProfileAssembled(
            requestId, profile.ProfileId, caller.Subsystem, profile.Purpose, profile.Members.Count, profile.Complete,
            profile.Elapsed, profile.AssembledAt, profile.Sources, Environment.MachineName + ":" + Environment.ProcessId);
        if (!_queue.Writer.TryWrite(message)) LogDropped(logger, profile.ProfileId);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Not tied to stoppingToken: what is queued is still sent at shutdown (StopAsync completes the queue).
        Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => Task.Run(PublishQueuedAsync, CancellationToken.None)));

    /// <summary>
    /// Called by the host before it stops any hosted service (the bus's included): no further event is queued, and what
    /// is queued is sent; given up when the host's shutdown timeout passes.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } publishing) await publishing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PublishQueuedAsync()
    {
        await foreach (var message in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await events.PublishAsync(message, CancellationToken.None);
            }
#pragma warning disable CA1031 // Publishing is best effort by design (see above).
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogAnnounceFailed(logger, e, message.ProfileId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce profile {ProfileId}")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, Guid profileId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce profile {ProfileId}: the announcement queue is full (the bus is behind)")]
    private static partial void LogDropped(ILogger logger, Guid profileId);
}
