namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// Once a day (by the <see cref="TimeProvider"/>), purges the audit records older than <c>Audit:Retention</c>;
/// the anchor each slice leaves is signed by the <see cref="AuditCheckpointer"/> before the records go, so
/// verification can tell a purge from a deletion.
/// </summary>
public sealed partial class AuditRetentionService(IAuditStore audit, AuditCheckpointer checkpoints, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Purges now; returns how many records went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var purged = await audit.PurgeOlderThanAsync(cutoff, checkpoints.SignPurgeAsync, cancellationToken);
        if (purged > 0) LogPurged(logger, purged, cutoff);
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new IntervalTimer(Interval, time);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or StorageUnavailableException)
            {
                // Tomorrow's run tries again; nothing is lost by purging late.
                LogPurgeFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention: purged {Count} records older than {Cutoff:O}")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit retention: the purge failed; it runs again at the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
