using System.Threading.Channels;
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
/// At shutdown the queue is sent by <see cref="DrainAsync"/>, which the host calls after its doors have stopped (the web
/// server's in-flight requests answered) and before the bus stops (<see cref="AnnouncementDrain"/>, registered after the
/// bus). An answer finishing after the drain (a bus request the consumer is still answering while the bus stops its
/// endpoints) is sent on its own, not dropped; <see cref="StopAsync"/> waits for those. Each send is bounded, and the
/// host's shutdown timeout bounds the whole drain.
/// </remarks>
public sealed partial class ProfileAnnouncer(IEventPublisher events, ILogger<ProfileAnnouncer> logger) : BackgroundService
{
    /// <summary>Events waiting for the bus at most; beyond it they are dropped (logged).</summary>
    public const int Capacity = 10_000;

    /// <summary>Sends in flight at once: one stuck send does not hold the others.</summary>
    private const int Publishers = 4;

    /// <summary>Sends of answers finished after the drain; <see cref="StopAsync"/> waits for them.</summary>
    private readonly List<Task> _late = [];

    private bool _drained;

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
        if (_queue.Writer.TryWrite(message)) return;
        if (!Volatile.Read(ref _drained))
        {
            LogDropped(logger, profile.ProfileId);
            return;
        }
        // The queue was drained and closed (the host is stopping) but the bus still runs: sent on its own.
        var late = PublishAsync(message);
        lock (_late) _late.Add(late);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Not tied to stoppingToken: what is queued is still sent at shutdown (DrainAsync completes the queue).
        Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => Task.Run(PublishQueuedAsync, CancellationToken.None)));

    /// <summary>
    /// Sends what is queued and closes the queue; an announcement made after it is sent on its own. Called at shutdown
    /// once no HTTP request is being answered and while the bus still runs (<see cref="AnnouncementDrain"/>); given up
    /// when <paramref name="cancellationToken"/> (the host's shutdown timeout) is cancelled.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _drained, true);
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } publishing) await publishing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The fallback of a host without a drain: sends what is queued; then waits for the late sends.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await base.StopAsync(cancellationToken);
        Task[] late;
        lock (_late) late = [.. _late];
        await Task.WhenAll(late).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task PublishQueuedAsync()
    {
        await foreach (var message in _queue.Reader.ReadAllAsync()) await PublishAsync(message);
    }

    private async Task PublishAsync(HouseholdProfileAssembled message)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce profile {ProfileId}")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, Guid profileId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce profile {ProfileId}: the announcement queue is full (the bus is behind)")]
    private static partial void LogDropped(ILogger logger, Guid profileId);
}

/// <summary>
/// Drains the <see cref="ProfileAnnouncer"/> at shutdown at the one point where nothing queued can be lost: the host
/// stops hosted services in the reverse order of registration, the web server first (ASP.NET Core registers it last,
/// and its stop waits for the requests in flight); registered right after the bus, this stops before the bus does.
/// </summary>
public sealed class AnnouncementDrain(ProfileAnnouncer announcer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => announcer.DrainAsync(cancellationToken);
}
