using IntegrationHub.Adapters.Common;
using IntegrationHub.Adapters.Land;
using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Mocks;

namespace IntegrationHub.Adapters.Tests.Land;

public sealed class AgricultureRegistryAdapterTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    private MockCountry Country => fixture.Country;

    [Fact]
    public async Task Fetch_Farmer_GetsLandLivestockAndOnlyTheSubsidiesOfTheWindowsYears()
    {
        using var services = AdapterTestHost.Create(Country);
        var adapter = services.Adapter(AgricultureRegistryAdapter.Key);
        var farmer = Country.Population.People.First(p => p.Land.Count > 0 && p.LandSubsidy > 0);
        var asOf = Country.Population.AsOf;

        var now = (LandData?)await adapter.FetchAsync(Fin.Parse(farmer.Fin), AgencyQuery.For(asOf), TestContext.Current.CancellationToken);
        // Two years on, the window's years no longer include the crop year the subsidy was paid for.
        var later = (LandData?)await adapter.FetchAsync(Fin.Parse(farmer.Fin), AgencyQuery.For(asOf.AddYears(2)), TestContext.Current.CancellationToken);

        var plot = farmer.Land[0];
        var share = Assert.Single(now!.Shares);
        Assert.Equal((plot.ParcelId, plot.Region, plot.Hectares, plot.Use), (share.ParcelId, share.Region, share.AreaHectares, share.Use));
        Assert.Equal(new Livestock(farmer.Cattle, farmer.Sheep, farmer.Poultry), now.Livestock);
        var subsidy = Assert.Single(now.Subsidies);
        Assert.Equal((asOf.Year - 1, farmer.LandSubsidy), (subsidy.Year, subsidy.Amount));
        Assert.Empty(later!.Subsidies);
        Assert.Single(later.Shares);
    }
}
