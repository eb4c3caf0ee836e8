using IntegrationHub.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Disability.Records;

/// <summary>
/// Every <see cref="DisabilityOptions.RecordsRetryInterval"/>: asks the hub again for referrals whose records did not come at
/// intake, and supersedes the extracts of results changed on appeal that the process stopped before superseding.
/// </summary>
public sealed partial class RecordsRetryWorker(IServiceScopeFactory scopes, IOptions<DisabilityOptions> options, TimeProvider time, ILogger<RecordsRetryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new IntervalTimer(options.Value.RecordsRetryInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var referrals = scope.ServiceProvider.GetRequiredService<ReferralService>();
                foreach (var number in referrals.Pending(max: 100))
                {
                    await referrals.FetchRecordsAsync(number, stoppingToken);
                }
                // An appeal changed just before the process stopped: its extracts are superseded now.
                await scope.ServiceProvider.GetRequiredService<Appeals.AppealService>().CompletePendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed round (disk, hub) must not stop the host (a BackgroundService's exception does); the next tick tries again.
                LogRoundFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of asking the hub again for referrals' records failed; retried at the next tick")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
