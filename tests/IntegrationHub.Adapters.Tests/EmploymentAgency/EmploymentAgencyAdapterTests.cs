using IntegrationHub.Adapters.Common;
using IntegrationHub.Adapters.EmploymentAgency;
using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Mocks;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Tests.EmploymentAgency;

/// <summary>The adapter against the running mock: the offers window, and the data as the population holds it.</summary>
public sealed class EmploymentAgencyAdapterTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    private MockCountry Country => fixture.Country;

    [Fact]
    public async Task Fetch_JobRefuser_ReturnsRegistrationAndEveryRefusal()
    {
        using var services = AdapterTestHost.Create(Country);
        var person = Country.Population.People.First(p => p.JobSeeker is not null);

        var data = await Fetch(services, person.Fin, AdapterTestHost.Query(Country));

        Assert.True(data.Registered);
        Assert.Equal(person.JobSeeker!.RegisteredOn, data.RegisteredOn);
        Assert.Null(data.Insurance);
        Assert.Equal(
            person.JobSeeker.RefusedOffers.OrderByDescending(o => o.On).Select(o => (o.OfferId, o.On, o.Employer, o.Position, true)),
            data.RefusedOffers.Select(o => (o.OfferId, o.OfferedOn, o.Employer, o.Position, o.Suitable)));
    }

    [Fact]
    public async Task Fetch_WindowStartsAfterEarlierRefusal_ReturnsOnlyRefusalsInWindow()
    {
        using var services = AdapterTestHost.Create(Country);
        var person = Country.Population.People.First(p => p.JobSeeker is { RefusedOffers.Count: > 1 });
        var latest = person.JobSeeker!.RefusedOffers.Max(o => o.On);
        var asOf = Country.Population.AsOf;

        var data = await Fetch(services, person.Fin, new AgencyQuery(asOf, latest, asOf.AddDays(-1)));

        var offer = Assert.Single(data.RefusedOffers);
        Assert.Equal(latest, offer.OfferedOn);
    }

    [Fact]
    public async Task Fetch_PersonNeverRegistered_ReturnsNotRegistered()
    {
        using var services = AdapterTestHost.Create(Country);
        var person = Country.Population.People.First(p => p.JobSeeker is null);

        var data = await Fetch(services, person.Fin, AdapterTestHost.Query(Country));

        Assert.False(data.Registered);
        Assert.Null(data.RegisteredOn);
        Assert.Empty(data.RefusedOffers);
    }

    private static async Task<JobSeekerData> Fetch(ServiceProvider services, string fin, AgencyQuery query) =>
        Assert.IsType<JobSeekerData>(await services.Adapter(EmploymentAgencyAdapter.Key).FetchAsync(Fin.Parse(fin), query, TestContext.Current.CancellationToken));
}
