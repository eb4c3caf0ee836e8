using IntegrationHub.Statistics;

namespace IntegrationHub.Hub.Tests.Statistics;

public sealed class StatisticsMonthTests
{
    [Theory]
    [InlineData("2026-02", 2026, 2)]
    [InlineData("2000-01", 2000, 1)]
    [InlineData("2099-12", 2099, 12)]
    public void TryParse_AMonthInRange_IsThatMonth(string text, int year, int month)
    {
        Assert.True(StatisticsMonth.TryParse(text, out var parsed));
        Assert.Equal(new StatisticsMonth(year, month), parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-2")]
    [InlineData("2026/02")]
    [InlineData("+026-02")]
    [InlineData("1999-12")]
    [InlineData("2100-01")]
    [InlineData("2026-02-01")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotAMonthInRange_IsFalse(string? text) => Assert.False(StatisticsMonth.TryParse(text, out _));

    [Fact]
    public void AddMonths_AcrossYears_CountsCalendarMonths()
    {
        var january = new StatisticsMonth(2026, 1);

        Assert.Equal(new StatisticsMonth(2025, 12), january.AddMonths(-1));
        Assert.Equal(new StatisticsMonth(2027, 3), january.AddMonths(14));
        Assert.Equal(14, january.AddMonths(14).MonthsSince(january));
    }
}
