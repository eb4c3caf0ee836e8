using IntegrationHub.Hub.Hosting;
using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Hosting;

public sealed class UsageHistoryTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ScratchDirectory _directory = new("usage-history-");

    // 20 March 2026 on Baku time: the seeded months are March 2025 to February 2026.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _directory.Dispose();
    }

    private UsageHistory History(IUsageStore store, int months = 12) =>
        new(store, Options.Create(new StatisticsOptions()), _time, months, 2026, NullLogger<UsageHistory>.Instance);

    [Fact]
    public void Generate_SameSeed_SameMonthsBeforeThisOne_EveryExistingEServiceUsed()
    {
        var counts = UsageHistory.Generate(new StatisticsMonth(2026, 3), 12, 2026);

        Assert.Equal(counts, UsageHistory.Generate(new StatisticsMonth(2026, 3), 12, 2026));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => new StatisticsMonth(2025, 3).AddMonths(i).ToString()), counts.Select(c => c.Month).Distinct().Order(StringComparer.Ordinal));
        Assert.All(counts, c => Assert.True(c.Count > 0));
        Assert.Equal([EServiceKeys.AssistanceApplication, EServiceKeys.DisabilityExamExtract, EServiceKeys.ExtractVerification, EServiceKeys.LastExamLookup],
            counts.Select(c => c.Key).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartAsync_TwiceOnOneStore_SeedsOnce()
    {
        using var store = new LiteDbUsageStore(_directory.File("statistics.db"));

        await History(store).StartAsync(Ct);
        var first = await store.ReadAsync(UsageSeries.EServices, new StatisticsMonth(2025, 1), new StatisticsMonth(2026, 3), Ct);
        await History(store).StartAsync(Ct);
        var second = await store.ReadAsync(UsageSeries.EServices, new StatisticsMonth(2025, 1), new StatisticsMonth(2026, 3), Ct);

        Assert.Equal(UsageHistory.Generate(new StatisticsMonth(2026, 3), 12, 2026).Sum(c => c.Count), first.Sum(c => c.Count));
        Assert.Equal(first.Sum(c => c.Count), second.Sum(c => c.Count));
        Assert.DoesNotContain(first, c => c.Month == "2026-03");
        Assert.True(await store.HoldsAnyAsync(UsageHistory.Instance, Ct));
    }
}
