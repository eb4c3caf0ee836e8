using IntegrationHub.Mocks;

namespace IntegrationHub.Hub.Tests.Hosting;

/// <summary>The default mode's mock country, mixed with registries given their own address (README: "Real registries and mocks together").</summary>
public sealed class InProcessMocksTests
{
    [Fact]
    public async Task InProcessMocks_OneAgencyWithItsOwnAddress_ThatAgencyIsCalledThereAndTheRestInProcess()
    {
        // The factory's own mock country stands in for the real tax service; every other agency is left to the
        // in-process mocks (an empty address is no address).
        var settings = HubFactory.EveryDataSet(new Dictionary<string, string?>
        {
            ["Mocks:InProcess"] = "true",
            ["Mocks:Households"] = "40",
        });
        await using var mixed = new HubFactory(settings, households: 40);
        // The factory reads its settings when the host is built (first use), so they can still name its agencies here.
        foreach (var agency in mixed.Country.Agencies.Where(a => a.Key != "tax")) settings[$"Agencies:{agency.Key}:BaseAddress"] = "";
        var inProcess = mixed.Services.GetRequiredService<MockCountry>();
        var applicant = inProcess.Population.People.First(p => p.Jobs.Count > 0).Fin;

        var profile = await mixed.AssembleAsync(applicant);

        Assert.True(mixed.Country["tax"].Requests > 0, "the tax service at its own address was not called");
        Assert.Equal(0, inProcess["tax"].Requests);
        Assert.True(inProcess["population"].Requests > 0, "the in-process population register was not called");
        Assert.Equal(0, mixed.Country.Agencies.Where(a => a.Key != "tax").Sum(a => a.Requests));
        // The tax service answered (both countries are the same synthetic people, so it knows the applicant).
        Assert.All(mixed.DataSets(profile, "tax"), set => Assert.NotEqual(SourceStatus.Failed, set.Status));
    }
}
