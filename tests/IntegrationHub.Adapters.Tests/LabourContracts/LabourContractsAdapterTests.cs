using IntegrationHub.Adapters.LabourContracts;
using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Mocks;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Tests.LabourContracts;

public sealed class LabourContractsAdapterTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    private MockCountry Country => fixture.Country;

    [Fact]
    public async Task FetchAllPages_MoreContractsThanAPage_FollowsEveryPage()
    {
        using var services = AdapterTestHost.Create(Country);
        var api = services.GetRequiredKeyedService<ILabourContractsApi>(LabourContractsAdapter.Key);
        var worker = Country.Population.People.First(p => p.Jobs.Count >= 2);
        var fin = Fin.Parse(worker.Fin);

        var firstPage = await api.GetContractsAsync(worker.Fin, 1, 1, TestContext.Current.CancellationToken);
        var all = await LabourContractsAdapter.FetchAllPagesAsync(api, fin, pageSize: 1, maxPages: 100, TestContext.Current.CancellationToken);

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
        using var services = AdapterTestHost.Create(Country);
        var worker = Country.Population.People.First(p => p.Jobs.Count >= 2);
        var fin = Fin.Parse(worker.Fin);

        var viaAdapter = Assert.IsType<EmploymentData>(await services.Adapter(LabourContractsAdapter.Key)
            .FetchAsync(fin, AdapterTestHost.Query(Country), TestContext.Current.CancellationToken));
        var pageByPage = await LabourContractsAdapter.FetchAllPagesAsync(services.GetRequiredKeyedService<ILabourContractsApi>(LabourContractsAdapter.Key), fin, 1, 100, TestContext.Current.CancellationToken);

        Assert.Equal(pageByPage!.Contracts, viaAdapter.Contracts);
    }
}
