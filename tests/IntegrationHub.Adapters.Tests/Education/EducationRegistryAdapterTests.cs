using IntegrationHub.Adapters.Education;
using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Mocks;

namespace IntegrationHub.Adapters.Tests.Education;

/// <summary>The adapter against the running mock: paging through a long school career, and every field as the population holds it.</summary>
public sealed class EducationRegistryAdapterTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    private MockCountry Country => fixture.Country;

    [Fact]
    public async Task Fetch_PupilWithMoreYearsThanAPage_FollowsEveryPageToTheAdmissionDay()
    {
        var country = Country;
        using var services = AdapterTestHost.Create(country);
        var asOf = country.Population.AsOf;
        // The admission day is only on the oldest year's record, on the last page.
        var pupil = country.Population.People.First(p => p.Studies.Count == 1 && AcademicYear(asOf) - AcademicYear(p.Studies[0].From) + 1 > EducationRegistryAdapter.PageSize);
        var study = pupil.Studies[0];

        var data = Assert.IsType<EducationData>(await services.Adapter(EducationRegistryAdapter.Key)
            .FetchAsync(Fin.Parse(pupil.Fin), AdapterTestHost.Query(country), TestContext.Current.CancellationToken));

        var e = Assert.Single(data.Enrolments);
        Assert.Equal(study.From, e.From);
        Assert.Null(e.To);
        Assert.Equal(EducationLevel.School, e.Level);
        Assert.Equal(study.Institution, e.Institution);
        Assert.True(data.InFullTimeStudy);
    }

    [Fact]
    public async Task Fetch_LearnersAndOthers_MatchThePopulation()
    {
        var country = Country;
        using var services = AdapterTestHost.Create(country);
        var adapter = services.Adapter(EducationRegistryAdapter.Key);
        var people = country.Population.People.Where(p => p.Studies.Count > 0).ToList();
        Assert.Contains(people, p => p.Studies.Any(s => s.Level == "BACHELOR"));

        foreach (var person in people.Concat(country.Population.People.Where(p => p.Studies.Count == 0).Take(10)))
        {
            var data = Assert.IsType<EducationData>(await adapter.FetchAsync(Fin.Parse(person.Fin), AdapterTestHost.Query(country), TestContext.Current.CancellationToken));

            var expected = person.Studies.OrderByDescending(s => s.From)
                .Select(s => new Enrolment(s.Institution, Enum.Parse<EducationLevel>(s.Level, ignoreCase: true), s.FullTime, s.From, s.To));
            Assert.Equal(expected, data.Enrolments);
        }
    }

    private static int AcademicYear(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;
}
