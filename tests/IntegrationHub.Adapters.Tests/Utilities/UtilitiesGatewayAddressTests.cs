using IntegrationHub.Adapters.Common;
using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Adapters.Utilities;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Mocks;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Tests.Utilities;

/// <summary>The gateway asked by address: accounts no member's FIN finds (a deceased holder's), and "nothing billed here".</summary>
public sealed class UtilitiesGatewayAddressTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    private MockCountry Country => fixture.Country;

    private static IAddressAgencyAdapter<UtilitiesData> Adapter(ServiceProvider services) =>
        services.Adapter<IAddressAgencyAdapter<UtilitiesData>>(UtilitiesGatewayAdapter.Key);

    [Fact]
    public async Task FetchAtAddress_AccountsInADeceasedMembersName_GetsThemAndEveryMonth()
    {
        using var services = AdapterTestHost.Create(Country);
        var household = Country.Population.Households.Single(h => h.Kind == "deceased-holder");
        var query = AdapterTestHost.Query(Country);

        var data = await Adapter(services).FetchAtAddressAsync(household.Address.Code, query, TestContext.Current.CancellationToken);

        Assert.Equal(household.Head.UtilityAccounts.Select(a => a.AccountNo).Order(), data!.Accounts.Select(a => a.AccountNumber).Order());
        Assert.All(data.Accounts, a => Assert.Equal(household.Address.Code, a.AddressId));
        // Four accounts over twelve months: 48 rows, more than one page.
        Assert.Equal(48, data.Charges.Select(c => (c.Month, c.AccountNumber)).Distinct().Count());
        Assert.Equal(query.PeriodFrom, data.Charges.Min(c => c.Month));
    }

    [Fact]
    public async Task FetchAtAddress_NothingBilledThere_IsNull()
    {
        using var services = AdapterTestHost.Create(Country);
        var household = Country.Population.Households.Single(h => h.Kind == "no-utility-account");

        var data = await Adapter(services).FetchAtAddressAsync(household.Address.Code, AdapterTestHost.Query(Country), TestContext.Current.CancellationToken);

        Assert.Null(data);
    }
}
