using IntegrationHub.Storage;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Disability.Lookup;

/// <summary>
/// Every <c>Lookup:RefusalFlushInterval</c> (by the <see cref="TimeProvider"/>) writes the refusals counted in memory,
/// and once an hour purges lookup records older than <c>Lookup:Retention</c>. At shutdown the last counts are written.
/// </summary>
public sealed partial class LookupMaintenance(LastExamLookup lookup, IOptions<DisabilityOptions> options, TimeProvider time, ILogger<LookupMaintenance> logger)
    : BackgroundService
{
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new IntervalTimer(options.Value.Lookup.RefusalFlushInterval, time);
        var nextPurge = time.GetUtcNow();
        try
        {
            do
            {
                await RunOnceAsync(time.GetUtcNow() >= nextPurge, stoppingToken);
                if (time.GetUtcNow() >= nextPurge) nextPurge = time.GetUtcNow() + PurgeInterval;
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunOnceAsync(purge: false, cancellationToken);
    }

    private async Task RunOnceAsync(bool purge, CancellationToken cancellationToken)
    {
        try
        {
            var refused = await lookup.FlushRefusalsAsync(cancellationToken);
            if (refused > 0) LogRefusals(logger, refused);
            if (purge && await lookup.PurgeAsync(cancellationToken) is > 0 and var purged) LogPurged(logger, purged);
        }
        catch (Exception e) when (e is IOException or LiteDB.LiteException or ObjectDisposedException or IntegrationHub.Storage.StorageUnavailableException)
        {
            // The counts stay in memory and go out with the next period; a late purge loses nothing.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Last-exam lookup: {Count} lookups refused by a limit since the last period")]
    private static partial void LogRefusals(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Last-exam lookup: purged {Count} records older than the retention")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Last-exam lookup: writing refusal counts or purging failed; tried again next period")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
