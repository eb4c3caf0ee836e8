using IntegrationHub.Employment.Domain;

namespace IntegrationHub.Employment.Tests.Domain;

public sealed class LabourRulesTests
{
    private static readonly LabourRules Rules = new(
    [
        new MinimumWage { From = new(2017, 1, 1), Amount = 116 },
        new MinimumWage { From = new(2019, 9, 1), Amount = 250 },
        new MinimumWage { From = new(2022, 1, 1), Amount = 300 },
        new MinimumWage { From = new(2023, 1, 1), Amount = 345 },
        new MinimumWage { From = new(2025, 1, 1), Amount = 400 },
    ], 40);

    [Theory]
    [InlineData("2016-12-31", 40, 0)]
    [InlineData("2019-08-31", 40, 116)]
    [InlineData("2019-09-01", 40, 250)]
    [InlineData("2023-06-30", 40, 345)]
    [InlineData("2025-01-01", 20, 200)]
    [InlineData("2025-01-01", 48, 400)]
    public void LeastWage_OnADate_ForTheHours_IsTheMinimumsShare(string on, decimal hours, decimal least) =>
        Assert.Equal(least, Rules.LeastWage(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), hours));

    [Theory]
    [InlineData(15, 24)]
    [InlineData(16, 36)]
    [InlineData(17, 36)]
    [InlineData(18, 40)]
    public void MaxWeeklyHours_ByAge_LabourCode(int age, decimal hours) => Assert.Equal(hours, Rules.MaxWeeklyHours(age));

    [Fact]
    public void Age_TheDayBeforeTheBirthday_IsOneLess()
    {
        var birth = new DateOnly(2010, 3, 15);
        Assert.Equal(14, LabourRules.Age(birth, new DateOnly(2025, 3, 14)));
        Assert.Equal(15, LabourRules.Age(birth, new DateOnly(2025, 3, 15)));
    }
}
