using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Assistance.LifeEvents;

/// <summary>
/// Nothing missed: every <see cref="AssistanceOptions.ReconciliationInterval"/> (default 30 days) on the module's clock,
/// every award in force is re-evaluated against a fresh profile, whether or not an event came (the hub was down, an
/// agency never sent it, a message was lost). When it last ran is in the store, so a restart neither skips nor repeats it.
/// It is due within a minute of the period's end however the clock moved (<see cref="ClockCheck"/>).
/// </summary>
public sealed partial class Reconciliation(
    AssistanceStore store,
    IOptions<AssistanceOptions> options,
    TimeProvider time,
    ReEvaluationWakeup wakeup,
    ILogger<Reconciliation> logger) : BackgroundService
{
    /// <summary>
    /// The longest single wait: the loop reads the clock again at least this often rather than sleeping out the whole
    /// period. A wait measures time from when it starts, so a clock that moves while the loop is between its pass and
    /// its wait (a clock set forward, a machine resumed, a test's fake clock advanced) would otherwise put the
    /// re-check a whole period late; a pass that is not due costs one read of the store.
    /// </summary>
    private static readonly TimeSpan ClockCheck = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ReconciliationInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Not yet due: one read. Due (or never marked): the store decides in its write, so instances agree.
                var due = store.NextReconciliation(interval);
                if (due is null || time.GetUtcNow() >= due)
                {
                    var scheduled = await store.ReconcileIfDueAsync(time.GetUtcNow(), interval, stoppingToken);
                    if (scheduled > 0)
                    {
                        LogScheduled(logger, scheduled);
                        wakeup.Wakeup.Signal();
                    }
                    due = store.NextReconciliation(interval);
                }
                var wait = (due ?? time.GetUtcNow() + interval) - time.GetUtcNow();
                await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > ClockCheck ? ClockCheck : wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive one bad pass; it logs and goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation: {Count} award(s) in force to re-evaluate against a fresh profile")]
    private static partial void LogScheduled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A reconciliation pass failed; it goes on")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
