using IntegrationHub.Adapters.DisabilityRegistry;

namespace IntegrationHub.Adapters.Tests.DisabilityRegistry;

/// <summary>The adapter against the running mock: every field as the population holds it.</summary>
public sealed class DisabilityRegistryAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, DisabilityRegistryAdapter.Key)
{
    [Fact]
    public async Task Fetch_PeopleWithAndWithoutAssessments_MatchThePopulation()
    {
        var people = Country.Population.People.Where(p => p.Disability.Count > 0).ToList();
        Assert.Contains(people, p => p.Disability.Any(a => a.Until is null));
        Assert.Contains(people, p => p.Disability.Any(a => p.AgeOn(a.From) < 18));

        await AssertEveryoneMatchesThePopulationAsync<DisabilityData>(people, (person, data) =>
        {
            var expected = person.Disability.OrderByDescending(a => a.From).Select(a =>
            {
                var child = person.AgeOn(a.From) < 18;
                int? degree = child || a.Percent <= 30 ? null : a.Percent > 80 ? 1 : a.Percent > 60 ? 2 : 3;
                var cause = Enum.Parse<DisabilityCause>(a.Cause.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
                return new DisabilityAssessment(a.Percent, degree, cause, a.From, a.Until, a.Until is null, child);
            });
            Assert.Equal(expected, data.Assessments);
        });
    }
}
