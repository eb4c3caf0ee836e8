using System.Text;
using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Reports;
using IntegrationHub.Statistics.Storage;

namespace IntegrationHub.Hub.Tests.Statistics.Reports;

public sealed class EServiceReportCsvTests
{
    [Fact]
    public void Write_TwoMonths_HeaderThenOneRowPerEServiceAndMonth()
    {
        var report = EServiceReport.Build(
            [
                new UsageCount(UsageSeries.EServices, EServiceKeys.LastExamLookup, "portal", "2026-01", 10),
                new UsageCount(UsageSeries.EServices, EServiceKeys.LastExamLookup, "portal", "2026-02", 12),
                new UsageCount(UsageSeries.EServices, EServiceKeys.LastExamLookup, "call-centre", "2026-02", 3),
            ],
            new StatisticsMonth(2026, 1), new StatisticsMonth(2026, 2));

        var bytes = EServiceReportCsv.Write(report);

        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "a byte-order mark, so spreadsheets read UTF-8");
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.Equal("month,e_service,name_az,name_en,uses,portal,post_office,call_centre,api,growth_percent,share_percent", lines[0]);
        Assert.Equal(1 + 2 * EServiceCatalog.All.Count, lines.Length - 1);
        var lookup = EServiceCatalog.Find(EServiceKeys.LastExamLookup)!;
        Assert.Contains($"2026-02,last-exam-lookup,{lookup.NameAz},{lookup.NameEn},15,12,0,3,0,50,100", lines);
        Assert.Contains($"2026-01,last-exam-lookup,{lookup.NameAz},{lookup.NameEn},10,10,0,0,0,,100", lines);
    }

    [Fact]
    public void Write_NameWithCommaOrQuote_IsQuoted()
    {
        var month = new EServiceReportMonth("2026-02", 1, null,
            [new EServiceMonthUses("x", "Ad, \"sitat\"", "Name", 1, new Dictionary<string, long>(), null, 100m)]);

        var text = Encoding.UTF8.GetString(EServiceReportCsv.Write(new EServiceReport("2026-02", "2026-02", [month]))[3..]);

        Assert.Contains("2026-02,x,\"Ad, \"\"sitat\"\"\",Name,1,0,0,0,0,,100", text, StringComparison.Ordinal);
    }
}
