using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Disability.Records;

/// <summary>Asks the hub again, every <see cref="DisabilityOptions.RecordsRetryInterval"/>, for referrals whose records did not come at intake.</summary>
public sealed class RecordsRetryWorker(IServiceScopeFactory scopes, IOptions<DisabilityOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecordsRetryInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            var referrals = scope.ServiceProvider.GetRequiredService<ReferralService>();
            foreach (var number in referrals.Pending(max: 100))
            {
                await referrals.FetchRecordsAsync(number, stoppingToken);
            }
        }
    }
}
