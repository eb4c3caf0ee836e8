using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Reports;
using IntegrationHub.Statistics.Storage;

namespace IntegrationHub.Hub.Tests.Statistics.Reports;

public sealed class EServiceReportTests
{
    private static UsageCount Use(string key, string channel, string month, long count) => new(UsageSeries.EServices, key, channel, month, count);

    private static readonly StatisticsMonth January = new(2026, 1), February = new(2026, 2);

    /// <summary>The ministry's own example: February's total 56.7 % over January's, one service's share and growth.</summary>
    [Fact]
    public void Build_TwoMonths_GivesTotalsGrowthAndShares()
    {
        UsageCount[] counts =
        [
            Use(EServiceKeys.ContractNotification, "api", "2026-01", 146_780),
            Use(EServiceKeys.AssistanceApplication, "portal", "2026-01", 27_908),
            Use(EServiceKeys.ContractNotification, "api", "2026-02", 205_639),
            Use(EServiceKeys.AssistanceApplication, "portal", "2026-02", 60_000),
            Use(EServiceKeys.AssistanceApplication, "post-office", "2026-02", 8_085),
        ];

        var report = EServiceReport.Build(counts, February, February);

        var month = Assert.Single(report.Months);
        Assert.Equal(("2026-02", 273_724L, 56.7m), (month.Month, month.Total, month.GrowthPercent));
        var contracts = month.EServices.Single(e => e.Key == EServiceKeys.ContractNotification);
        Assert.Equal((205_639L, 40.1m, 75.1m), (contracts.Uses, contracts.GrowthPercent, contracts.SharePercent));
        var applications = month.EServices.Single(e => e.Key == EServiceKeys.AssistanceApplication);
        Assert.Equal((68_085L, 60_000L, 8_085L), (applications.Uses, applications.Channels["portal"], applications.Channels["post-office"]));
        Assert.Equal(144.0m, applications.GrowthPercent);
    }

    [Fact]
    public void Build_EveryMonth_ListsEveryEServiceOfTheCatalogInOrder_WithNoUseAsZero()
    {
        var report = EServiceReport.Build([Use(EServiceKeys.LastExamLookup, "call-centre", "2026-02", 4)], January, February);

        Assert.Equal(["2026-01", "2026-02"], report.Months.Select(m => m.Month));
        Assert.All(report.Months, m => Assert.Equal(EServiceCatalog.All.Select(s => s.Key), m.EServices.Select(e => e.Key)));
        var january = report.Months[0];
        Assert.Equal((0L, (decimal?)null, (decimal?)null), (january.Total, january.GrowthPercent, january.EServices[0].SharePercent));
        var lookup = report.Months[1].EServices.Single(e => e.Key == EServiceKeys.LastExamLookup);
        Assert.Equal((4L, 4L, 0L, (decimal?)null, 100.0m), (lookup.Uses, lookup.Channels["call-centre"], lookup.Channels["api"], lookup.GrowthPercent, lookup.SharePercent));
    }

    [Fact]
    public void Build_FirstMonthOfTheRange_GrowsOnTheMonthBeforeIt()
    {
        UsageCount[] counts = [Use(EServiceKeys.ExtractVerification, "api", "2026-01", 40), Use(EServiceKeys.ExtractVerification, "api", "2026-02", 30)];

        var month = Assert.Single(EServiceReport.Build(counts, February, February).Months);

        Assert.Equal(-25.0m, month.GrowthPercent);
        Assert.Equal(-25.0m, month.EServices.Single(e => e.Key == EServiceKeys.ExtractVerification).GrowthPercent);
    }

    [Fact]
    public void Build_KeyNotInTheCatalog_IsLeftOut()
    {
        var month = Assert.Single(EServiceReport.Build([Use("retired-service", "portal", "2026-02", 9)], February, February).Months);

        Assert.Equal(0, month.Total);
        Assert.DoesNotContain(month.EServices, e => e.Key == "retired-service");
    }
}
