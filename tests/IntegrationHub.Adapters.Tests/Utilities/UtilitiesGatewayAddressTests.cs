using IntegrationHub.Adapters.Utilities;

namespace IntegrationHub.Adapters.Tests.Utilities;

/// <summary>The gateway asked by address: accounts no member's FIN finds (a deceased holder's), and "nothing billed here".</summary>
public sealed class UtilitiesGatewayAddressTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, UtilitiesGatewayAdapter.Key)
{
    private IAddressAgencyAdapter<UtilitiesData> Adapter => Services.Adapter<IAddressAgencyAdapter<UtilitiesData>>(UtilitiesGatewayAdapter.Key);

    [Fact]
    public async Task FetchAtAddress_AccountsInADeceasedMembersName_GetsThemAndEveryMonth()
    {
        var household = Country.Population.Households.Single(h => h.Kind == "deceased-holder");
        var query = Query;

        var data = await Adapter.FetchAtAddressAsync(household.Address.Code, query, TestContext.Current.CancellationToken);

        Assert.Equal(household.Head.UtilityAccounts.Select(a => a.AccountNo).Order(), data!.Accounts.Select(a => a.AccountNumber).Order());
        Assert.All(data.Accounts, a => Assert.Equal(household.Address.Code, a.AddressId));
        // Four accounts over twelve months: 48 rows, more than one page.
        Assert.Equal(48, data.Charges.Select(c => (c.Month, c.AccountNumber)).Distinct().Count());
        Assert.Equal(query.PeriodFrom, data.Charges.Min(c => c.Month));
    }

    [Fact]
    public async Task FetchAtAddress_NothingBilledThere_IsNull()
    {
        var household = Country.Population.Households.Single(h => h.Kind == "no-utility-account");

        var data = await Adapter.FetchAtAddressAsync(household.Address.Code, Query, TestContext.Current.CancellationToken);

        Assert.Null(data);
    }
}
