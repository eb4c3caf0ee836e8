using IntegrationHub.Adapters.SocialFund;

namespace IntegrationHub.Adapters.Tests.SocialFund;

public sealed class SocialFundAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, SocialFundAdapter.Key)
{
    [Fact]
    public async Task Fetch_Window_ReturnsPaymentsOnlyForTheMonthsAsked()
    {
        // Pensions are granted at least 13 months back, so the pensioner was paid in every month of the 12-month window.
        var pensioner = Country.Population.Households.First(h => h.Kind == "pensioners").Head;
        var pension = Assert.Single(pensioner.Pensions);
        var year = Query;
        var quarter = year with { PeriodFrom = year.PeriodTo.AddDays(1).AddMonths(-3) };

        var yearly = await FetchAsync<PensionsBenefitsData>(pensioner.Fin, year);
        var quarterly = await FetchAsync<PensionsBenefitsData>(pensioner.Fin, quarter);

        var entitlement = Assert.Single(yearly.Pensions);
        Assert.Equal((pension.Kind, pension.Monthly, pension.Since), (entitlement.Kind, entitlement.MonthlyAmount, entitlement.Since));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => year.PeriodFrom.AddMonths(i)), yearly.Payments.Select(p => p.Month));
        Assert.Equal(Enumerable.Range(0, 3).Select(i => quarter.PeriodFrom.AddMonths(i)), quarterly.Payments.Select(p => p.Month));
        Assert.All(yearly.Payments, p => Assert.Equal((pension.Kind, pension.Monthly), (p.Kind, p.Amount)));
        Assert.Equal(yearly.Pensions, quarterly.Pensions);
    }
}
