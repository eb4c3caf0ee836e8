using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Statistics;

/// <summary>
/// Flushes the counter every <see cref="StatisticsOptions.FlushInterval"/>, and once more when the host stops; what is
/// counted after that (by a service the host stops later) is flushed when the counter is disposed (<see cref="UsageCounter.DisposeAsync"/>).
/// </summary>
public sealed partial class UsageFlushService(UsageCounter counter, IOptions<StatisticsOptions> options, TimeProvider time, ILogger<UsageFlushService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new IntervalTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TryFlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryFlushAsync(cancellationToken);
    }

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await counter.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogFlushGivenUp(logger);
        }
#pragma warning disable CA1031 // The counts stay in memory and the next flush tries again; a failing disk must not stop the host.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-service counts could not be written to the statistics store; they stay in memory for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last flush of e-service counts was given up at shutdown; counts since the previous flush are lost")]
    private static partial void LogFlushGivenUp(ILogger logger);
}
