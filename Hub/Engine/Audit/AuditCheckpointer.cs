using IntegrationHub.Hub.Engine.Events;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// Signs checkpoints of the audit chain's head with the hub's key: at start, every
/// <see cref="AuditOptions.CheckpointInterval"/> while records are appended, and at shutdown; and, for the
/// retention purge, the anchor before it is written. Each goes to the checkpoint file (fsynced) and, as
/// <see cref="AuditCheckpointSigned"/>, to the host's bus (<see cref="IEventPublisher"/>), so a copy lives outside the hub's files. Knows the chain only
/// through <see cref="IAuditChain"/>, so it outlives a change of the log's storage.
/// </summary>
public sealed partial class AuditCheckpointer : BackgroundService
{
    private readonly IAuditChain _chain;
    private readonly AuditSigningKey _key;
    private readonly IAuditCheckpointLog _file;
    private readonly AuditOptions _options;
    private readonly IEventPublisher? _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signing = new(1, 1);
    private readonly string _instance = Environment.MachineName + ":" + Environment.ProcessId;
    private long _appendedAtLast = -1;
    private AuditCheckpoint? _last;
    private AuditCheckpoint? _published;

    /// <param name="events">Null where there is no bus (tools, tests of the log alone): the file is then the only copy.</param>
    public AuditCheckpointer(
        IAuditChain chain,
        AuditSigningKey key,
        IAuditCheckpointLog file,
        IOptions<AuditOptions> options,
        TimeProvider time,
        ILogger<AuditCheckpointer> logger,
        IEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _chain = chain;
        _key = key;
        _file = file;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _events = events;
        try
        {
            _last = file.ReadAll().Checkpoints.LastOrDefault(c => c.Kind == AuditCheckpoint.Head);
        }
        catch (IntegrationHub.Storage.StorageUnavailableException)
        {
            // A shared database down at start: the first checkpoint signed once it is back is the last one known.
        }
    }

    /// <summary>The newest checkpoint of the head this process knows.</summary>
    public AuditCheckpoint? Last => Volatile.Read(ref _last);

    public AuditSigningKey Key => _key;

    public IAuditCheckpointLog File => _file;

    /// <summary>
    /// Signs the head now, before the host takes requests: every log written by a hub has a checkpoint file from
    /// its first record on, so a missing file is noticed.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_key.InDataDirectory) LogKeyInDataDirectory(_logger, _key.Source, _key.KeyId);
        try
        {
            await CheckpointAsync(force: true, cancellationToken);
        }
        catch (IntegrationHub.Storage.StorageUnavailableException e)
        {
            // A shared database down at start: nothing can be appended either (the hub answers audit-unavailable), and
            // the first tick after it is back signs the head.
            LogCheckpointFailed(_logger, e);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new IntervalTimer(_options.CheckpointInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(force: false, stoppingToken);
                    // The one signed at start too: the bus is up by the first tick.
                    if (_last is { } last && !ReferenceEquals(last, _published)) await PublishAsync(last);
                }
#pragma warning disable CA1031 // Whatever failed, the next tick tries again: the records are safe, only their checkpoint is late, and the hub must not stop for it.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogCheckpointFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The last checkpoint at shutdown (file only: by now the bus is stopping; the next start publishes the head).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await CheckpointAsync(force: false, cancellationToken);
        }
#pragma warning disable CA1031 // As above: a missed last checkpoint must not fail the shutdown.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogCheckpointFailed(_logger, e);
        }
    }

    /// <summary>Signs the chain's durable head, unless nothing was appended since the last checkpoint (and not <paramref name="force"/>).</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(bool force, CancellationToken cancellationToken)
    {
        var appended = _chain.Appended;
        if (!force && appended == Interlocked.Read(ref _appendedAtLast)) return null;
        await _signing.WaitAsync(cancellationToken);
        try
        {
            var head = await _chain.DurableHeadAsync(cancellationToken);
            var checkpoint = Sign(AuditCheckpoint.Head, head.Sequence, head.Hash, null);
            _file.Append(checkpoint);
            Volatile.Write(ref _last, checkpoint);
            Interlocked.Exchange(ref _appendedAtLast, appended);
            return checkpoint;
        }
        finally
        {
            _signing.Release();
        }
    }

    /// <summary>Signs the anchor a retention purge is about to leave, before it deletes anything.</summary>
    public async Task SignPurgeAsync(ChainAnchor anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        AuditCheckpoint checkpoint;
        await _signing.WaitAsync(cancellationToken);
        try
        {
            checkpoint = Sign(AuditCheckpoint.Purge, anchor.Sequence, anchor.Hash, anchor.Time);
            _file.Append(checkpoint);
        }
        finally
        {
            _signing.Release();
        }
        await PublishAsync(checkpoint);
    }

    private AuditCheckpoint Sign(string kind, long sequence, string hash, DateTimeOffset? recordTime)
    {
        var unsigned = new AuditCheckpoint(kind, _chain.Segment, _instance, sequence, hash,
            recordTime is { } t ? AuditCheckpoint.Truncate(t) : null, AuditCheckpoint.Truncate(_time.GetUtcNow()), _key.KeyId, "");
        return unsigned with { Signature = _key.Sign(unsigned.Canonical()) };
    }

    private async Task PublishAsync(AuditCheckpoint checkpoint)
    {
        if (_events is null) return;
        // Best effort, and bounded by the publisher (a publish caught by a broker restart may never be confirmed): the file has it.
        try
        {
            await _events.PublishAsync(new AuditCheckpointSigned(
                checkpoint.Kind, checkpoint.Segment, checkpoint.Instance, checkpoint.Sequence, checkpoint.Hash,
                checkpoint.RecordTime, checkpoint.Time, checkpoint.KeyId, checkpoint.Signature), CancellationToken.None);
            _published = checkpoint;
        }
#pragma warning disable CA1031 // Publishing is best effort by design (see above).
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPublishFailed(_logger, e, checkpoint.Sequence);
        }
    }

    public override void Dispose()
    {
        _signing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoints are signed with key {KeyId} kept in {Path}; in production give Audit:SigningKey instead (a key beside the log can be used by whoever can edit the log)")]
    private static partial void LogKeyInDataDirectory(ILogger logger, string path, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit checkpoint could not be written; trying again at the next interval")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit checkpoint at record {Sequence} could not be published; the checkpoint file has it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, long sequence);
}
