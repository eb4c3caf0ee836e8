using IntegrationHub.Adapters.StatusRegistries;

namespace IntegrationHub.Adapters.Tests.StatusRegistries;

/// <summary>The adapter against the running mock: every flag as the population holds it.</summary>
public sealed class StatusRegistriesAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, StatusRegistriesAdapter.Key)
{
    [Fact]
    public async Task Fetch_FlaggedBorrowersAndOthers_MatchThePopulation()
    {
        var flagged = Country.Population.People.Where(p => p.Status is { Conscript: true } or { Prisoner: true } or { Wanted: true } or { Abroad: true }
            or { Foreigner: true } or { StateCare: true } or { Idp: true } || p.OpenLoans > 0).ToList();
        Assert.Contains(flagged, p => p.OpenLoans > 0);

        await AssertEveryoneMatchesThePopulationAsync<StatusFlagsData>(flagged, (person, data) =>
        {
            var s = person.Status;
            Assert.Equal(new StatusFlagsData(s.Conscript, s.Prisoner, s.Wanted, s.Abroad, s.Foreigner, s.StateCare, s.Idp, new CreditSummary(person.OpenLoans, person.LoanOutstanding)), data);
        });
    }
}
