using IntegrationHub.Adapters.LabourContracts;

namespace IntegrationHub.Adapters.Tests.LabourContracts;

public sealed class LabourContractsAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, LabourContractsAdapter.Key)
{
    private ILabourContractsApi Api => Services.GetRequiredKeyedService<ILabourContractsApi>(LabourContractsAdapter.Key);

    [Fact]
    public async Task FetchAllPages_MoreContractsThanAPage_FollowsEveryPage()
    {
        var worker = Country.Population.People.First(p => p.Jobs.Count >= 2);
        var fin = Fin.Parse(worker.Fin);

        var firstPage = await Api.GetContractsAsync(worker.Fin, 1, 1, TestContext.Current.CancellationToken);
        var all = await LabourContractsAdapter.FetchAllPagesAsync(Api, fin, pageSize: 1, maxPages: 100, TestContext.Current.CancellationToken);

        // The registry honoured the page size, so the rest could only have come from following the pages.
        Assert.Single(firstPage.Items);
        Assert.Equal(worker.Jobs.Count, firstPage.Total);
        Assert.NotNull(all);
        Assert.Equal(worker.Jobs.Select(j => j.ContractNo).Order(), all.Contracts.Select(c => c.ContractNumber).Order());
        Assert.Equal(worker.Jobs.Count(j => j.End is null), all.Contracts.Count(c => c.Active));
    }

    [Fact]
    public async Task Fetch_DefaultPageSize_ReturnsTheSameContractsAsPageByPage()
    {
        var worker = Country.Population.People.First(p => p.Jobs.Count >= 2);

        var viaAdapter = await FetchAsync<EmploymentData>(worker.Fin);
        var pageByPage = await LabourContractsAdapter.FetchAllPagesAsync(Api, Fin.Parse(worker.Fin), 1, 100, TestContext.Current.CancellationToken);

        Assert.Equal(pageByPage!.Contracts, viaAdapter.Contracts);
    }
}
