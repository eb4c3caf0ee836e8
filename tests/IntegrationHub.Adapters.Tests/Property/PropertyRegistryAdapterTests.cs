using IntegrationHub.Adapters.Property;

namespace IntegrationHub.Adapters.Tests.Property;

public sealed class PropertyRegistryAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, PropertyRegistryAdapter.Key)
{
    [Fact]
    public async Task Fetch_DealAtTheEdgeOfTheWindow_ComesBackOnlyWhileInside()
    {
        var seller = Country.Population.People.First(p => p.Deals.Count > 0);
        var deal = seller.Deals[0];
        var dealMonth = new DateOnly(deal.Date.Year, deal.Date.Month, 1);
        // The window runs from the first of the month 24 months before "today"'s month.
        var windowStartsOnDealMonth = AgencyQuery.For(dealMonth.AddMonths(24));
        var windowStartsAfterDeal = AgencyQuery.For(dealMonth.AddMonths(25));

        var inside = await FetchAsync<RealEstateData>(seller.Fin, windowStartsOnDealMonth);
        var outside = await FetchAsync<RealEstateData>(seller.Fin, windowStartsAfterDeal);

        var sale = Assert.Single(inside.Transactions);
        Assert.Equal((deal.Date, TransactionKind.Sale, deal.RegistryNo, deal.Value), (sale.Date, sale.Kind, sale.RegistryNumber, sale.Value));
        Assert.Empty(outside.Transactions);
        Assert.Equal(seller.Properties.Count, outside.Holdings.Count);
    }

    [Fact]
    public async Task Fetch_OwnerOfTwoHomes_GetsBothHoldings()
    {
        var owner = Country.Population.People.First(p => p.Properties.Count == 2);

        var data = await FetchAsync<RealEstateData>(owner.Fin);

        Assert.Equal(owner.Properties.Select(e => e.RegistryNo).Order(), data.Holdings.Select(h => h.RegistryNumber).Order());
        Assert.All(data.Holdings, h => Assert.Equal(PropertyPurpose.Residential, h.Purpose));
    }

    [Fact]
    public async Task Fetch_MoreTransactionsThanAPage_FollowsEveryPage()
    {
        var api = new PagedRegistry(total: 2 * PropertyRegistryAdapter.PageSize + 7);
        var query = AgencyQuery.For(new DateOnly(2026, 5, 14));

        var data = await AdapterOver(api).FetchAsync(Fin.Parse("5ABC12D"), query, TestContext.Current.CancellationToken);

        Assert.Equal(api.Total, data!.Transactions.Count);
        Assert.Equal([1, 2, 3], api.Pages);
        Assert.Equal((new DateOnly(2024, 5, 1), new DateOnly(2026, 5, 14)), api.Period);
    }

    [Fact]
    public async Task Fetch_RegistryOvercountsItsTotal_StopsAtTheFirstEmptyPage()
    {
        var api = new PagedRegistry(total: 3, claimedTotal: 500);

        var data = await AdapterOver(api).FetchAsync(Fin.Parse("5ABC12D"), AgencyQuery.For(new DateOnly(2026, 5, 14)), TestContext.Current.CancellationToken);

        Assert.Equal(3, data!.Transactions.Count);
        Assert.Equal([1, 2], api.Pages);
    }

    private static PropertyRegistryAdapter AdapterOver(IPropertyRegistryApi api) =>
        new(new ServiceCollection().AddKeyedSingleton(PropertyRegistryAdapter.Key, api).AddOptions().BuildServiceProvider(),
            new AgencyDescriptor<RealEstateData>(PropertyRegistryAdapter.Key, "Property registry", RealEstateData.DataSet));

    /// <summary>A registry holding <paramref name="total"/> deals for the person, served by the requested page size.</summary>
    private sealed class PagedRegistry(int total, int? claimedTotal = null) : IPropertyRegistryApi
    {
        public int Total => total;

        public List<int> Pages { get; } = [];

        public (DateOnly From, DateOnly To) Period { get; private set; }

        public Task<OwnerRightsDto> GetRightsAsync(string fin, CancellationToken cancellationToken) =>
            Task.FromResult(new OwnerRightsDto(fin, []));

        public Task<TransactionPageDto> GetTransactionsAsync(string fin, DateOnly dateFrom, DateOnly dateTo, int page, int pageSize, CancellationToken cancellationToken)
        {
            Pages.Add(page);
            Period = (dateFrom, dateTo);
            var items = Enumerable.Range((page - 1) * pageSize, Math.Max(0, Math.Min(pageSize, total - (page - 1) * pageSize)))
                .Select(i => new TransactionDto($"DR-{i:D10}", "GARAGE", "PURCHASE", dateFrom.AddDays(i % 700), 1000m + i))
                .ToList();
            return Task.FromResult(new TransactionPageDto(items, page, pageSize, claimedTotal ?? total));
        }
    }
}
