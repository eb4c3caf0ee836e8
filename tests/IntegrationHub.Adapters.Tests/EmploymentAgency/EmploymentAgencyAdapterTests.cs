using IntegrationHub.Adapters.EmploymentAgency;

namespace IntegrationHub.Adapters.Tests.EmploymentAgency;

/// <summary>The adapter against the running mock: the offers window, and the data as the population holds it.</summary>
public sealed class EmploymentAgencyAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, EmploymentAgencyAdapter.Key)
{
    [Fact]
    public async Task Fetch_JobRefuser_ReturnsRegistrationAndEveryRefusal()
    {
        var person = Country.Population.People.First(p => p.JobSeeker is not null);

        var data = await FetchAsync<JobSeekerData>(person.Fin);

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
        var person = Country.Population.People.First(p => p.JobSeeker is { RefusedOffers.Count: > 1 });
        var latest = person.JobSeeker!.RefusedOffers.Max(o => o.On);
        var asOf = Country.Population.AsOf;

        var data = await FetchAsync<JobSeekerData>(person.Fin, new AgencyQuery(asOf, latest, asOf.AddDays(-1)));

        var offer = Assert.Single(data.RefusedOffers);
        Assert.Equal(latest, offer.OfferedOn);
    }

    [Fact]
    public async Task Fetch_PersonNeverRegistered_ReturnsNotRegistered()
    {
        var person = Country.Population.People.First(p => p.JobSeeker is null);

        var data = await FetchAsync<JobSeekerData>(person.Fin);

        Assert.False(data.Registered);
        Assert.Null(data.RegisteredOn);
        Assert.Empty(data.RefusedOffers);
    }
}
