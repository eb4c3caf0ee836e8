using IntegrationHub.Adapters.Utilities;

namespace IntegrationHub.Adapters.Tests.Utilities;

public sealed class UtilitiesGatewayAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, UtilitiesGatewayAdapter.Key)
{
    [Fact]
    public async Task Fetch_HolderOfFourAccounts_GetsEveryMonthOfTheWindow()
    {
        var holder = Country.Population.People.First(p => p.UtilityAccounts.Count == 4);
        var query = Query;
        // The country is the class's: the requests of the tests before this one are already counted.
        var before = Country[UtilitiesGatewayAdapter.Key].Requests;

        var data = await FetchAsync<UtilitiesData>(holder.Fin, query);

        Assert.Equal(holder.UtilityAccounts.Select(a => a.AccountNo).Order(), data.Accounts.Select(a => a.AccountNumber).Order());
        // 48 rows do not fit the gateway's largest page (25): the accounts, then two pages of charges.
        Assert.Equal(48, data.Charges.Count);
        Assert.Equal(3, Country[UtilitiesGatewayAdapter.Key].Requests - before);
        Assert.Equal(48, data.Charges.Select(c => (c.Month, c.AccountNumber)).Distinct().Count());
        Assert.Equal(query.PeriodFrom, data.Charges.Min(c => c.Month));
        Assert.Equal(new DateOnly(query.PeriodTo.Year, query.PeriodTo.Month, 1), data.Charges.Max(c => c.Month));
        Assert.All(data.Charges, c => Assert.Equal(c.Charged, c.Paid));
        foreach (var account in holder.UtilityAccounts)
        {
            // Gas and electricity vary with the season, but a year of them averages the account's monthly charge.
            var average = data.Charges.Where(c => c.AccountNumber == account.AccountNo).Average(c => c.Charged);
            Assert.InRange(average, account.MonthlyCharge * 0.99m, account.MonthlyCharge * 1.01m);
        }
    }

    [Fact]
    public async Task Fetch_WindowReachingPastTheLastBill_GetsOnlyBilledMonths()
    {
        var holder = Country.Population.People.First(p => p.UtilityAccounts.Count == 4);
        var asOf = Country.Population.AsOf;
        var lastBilled = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);

        // Six months on, the window's last six months have not been billed (as of the mock's today).
        var data = await FetchAsync<UtilitiesData>(holder.Fin, AgencyQuery.For(asOf.AddMonths(6)));

        Assert.Equal(4 * 6, data.Charges.Count);
        Assert.Equal(lastBilled.AddMonths(-5), data.Charges.Min(c => c.Month));
        Assert.Equal(lastBilled, data.Charges.Max(c => c.Month));
    }

    [Fact]
    public async Task Fetch_PersonWithoutAccounts_GetsEmptyLists()
    {
        var tenant = Country.Population.People.First(p => p.UtilityAccounts.Count == 0);

        var data = await FetchAsync<UtilitiesData>(tenant.Fin);

        Assert.Empty(data.Accounts);
        Assert.Empty(data.Charges);
    }
}
