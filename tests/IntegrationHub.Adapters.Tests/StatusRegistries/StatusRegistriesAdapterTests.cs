using IntegrationHub.Adapters.StatusRegistries;
using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Adapters.Tests.StatusRegistries;

/// <summary>The adapter against the running mock: every flag as the population holds it (a misnamed wire field would read as a default).</summary>
public sealed class StatusRegistriesAdapterTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    [Fact]
    public async Task Fetch_FlaggedBorrowersAndOthers_MatchThePopulation()
    {
        var country = fixture.Country;
        using var services = AdapterTestHost.Create(country);
        var adapter = services.Adapter(StatusRegistriesAdapter.Key);
        var people = country.Population.People.ToList();
        var flagged = people.Where(p => p.Status is { Conscript: true } or { Prisoner: true } or { Wanted: true } or { Abroad: true }
            or { Foreigner: true } or { StateCare: true } or { Idp: true } || p.OpenLoans > 0).ToList();
        Assert.Contains(flagged, p => p.OpenLoans > 0);

        foreach (var person in flagged.Concat(people.Except(flagged).Take(10)))
        {
            var data = Assert.IsType<StatusFlagsData>(await adapter.FetchAsync(Fin.Parse(person.Fin), AdapterTestHost.Query(country), TestContext.Current.CancellationToken));

            var s = person.Status;
            Assert.Equal(new StatusFlagsData(s.Conscript, s.Prisoner, s.Wanted, s.Abroad, s.Foreigner, s.StateCare, s.Idp, new CreditSummary(person.OpenLoans, person.LoanOutstanding)), data);
        }
    }
}
