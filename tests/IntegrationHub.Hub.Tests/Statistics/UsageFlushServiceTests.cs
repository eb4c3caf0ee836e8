using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Storage;
using IntegrationHub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Hub.Tests.Statistics;

public sealed class UsageFlushServiceTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly StatisticsMonth March = new(2026, 3);

    private readonly ScratchDirectory _directory = new("statistics-");

    public void Dispose()
    {
        _directory.Dispose();
    }

    [Fact]
    public async Task HostStops_CountsMadeUntilTheLastServiceStopped_AreInTheStore_AndNothingIsLogged()
    {
        var log = new LogCapture(LogLevel.Warning);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration[DataDirectory.SettingName] = _directory.Path;
        builder.Configuration["Statistics:Instance"] = "a";
        builder.Logging.AddProvider(log);
        // The timer never ticks: only the flushes of the stop and of the disposal write.
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero)));
        // Registered before the statistics, so the host stops it after their flush service (a module's worker finishing its last job).
        builder.Services.AddHostedService<CountsWhenStopping>();
        builder.Services.AddEServiceStatistics(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(Ct);
        var counter = host.Services.GetRequiredService<IEServiceCounter>();
        counter.Count(EServiceKeys.LastExamLookup, EServiceChannel.Portal);
        counter.Count(EServiceKeys.LastExamLookup, EServiceChannel.Portal);

        await host.StopAsync(Ct);
        await ((IAsyncDisposable)host).DisposeAsync();

        using var store = new LiteDbUsageStore(DataDirectory.File(builder.Configuration, LiteDbUsageStore.FileName));
        var counts = await store.ReadAsync(UsageSeries.EServices, March, March, Ct);
        Assert.Equal(2, counts.Where(c => c.Key == EServiceKeys.LastExamLookup && c.Channel == "portal").Sum(c => c.Count));
        Assert.Equal(1, counts.Where(c => c.Key == EServiceKeys.LastExamLookup && c.Channel == "call-centre").Sum(c => c.Count));
        Assert.True(log.Lines.IsEmpty, log.ToString());
    }

    private sealed class CountsWhenStopping(IEServiceCounter counter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            counter.Count(EServiceKeys.LastExamLookup, EServiceChannel.CallCentre);
            return Task.CompletedTask;
        }
    }
}
