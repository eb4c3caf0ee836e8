using IntegrationHub.Adapters.Land;

namespace IntegrationHub.Adapters.Tests.Land;

public sealed class AgricultureRegistryAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, AgricultureRegistryAdapter.Key)
{
    [Fact]
    public async Task Fetch_Farmer_GetsLandLivestockAndOnlyTheSubsidiesOfTheWindowsYears()
    {
        var farmer = Country.Population.People.First(p => p.Land.Count > 0 && p.LandSubsidy > 0);
        var asOf = Country.Population.AsOf;

        var now = await FetchAsync<LandData>(farmer.Fin, AgencyQuery.For(asOf));
        // Two years on, the window's years no longer include the crop year the subsidy was paid for.
        var later = await FetchAsync<LandData>(farmer.Fin, AgencyQuery.For(asOf.AddYears(2)));

        var plot = farmer.Land[0];
        var share = Assert.Single(now.Shares);
        Assert.Equal((plot.ParcelId, plot.Region, plot.Hectares, plot.Use), (share.ParcelId, share.Region, share.AreaHectares, share.Use));
        Assert.Equal(new Livestock(farmer.Cattle, farmer.Sheep, farmer.Poultry), now.Livestock);
        var subsidy = Assert.Single(now.Subsidies);
        Assert.Equal((asOf.Year - 1, farmer.LandSubsidy), (subsidy.Year, subsidy.Amount));
        Assert.Empty(later.Subsidies);
        Assert.Single(later.Shares);
    }
}
