using IntegrationHub.Adapters.Education;

namespace IntegrationHub.Adapters.Tests.Education;

/// <summary>The adapter against the running mock: paging through a long school career, and every field as the population holds it.</summary>
public sealed class EducationRegistryAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, EducationRegistryAdapter.Key)
{
    [Fact]
    public async Task Fetch_PupilWithMoreYearsThanAPage_FollowsEveryPageToTheAdmissionDay()
    {
        var asOf = Country.Population.AsOf;
        // The admission day is only on the oldest year's record, on the last page.
        var pupil = Country.Population.People.First(p => p.Studies.Count == 1 && AcademicYear(asOf) - AcademicYear(p.Studies[0].From) + 1 > EducationRegistryAdapter.PageSize);
        var study = pupil.Studies[0];

        var data = await FetchAsync<EducationData>(pupil.Fin);

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
        var people = Country.Population.People.Where(p => p.Studies.Count > 0).ToList();
        Assert.Contains(people, p => p.Studies.Any(s => s.Level == "BACHELOR"));

        await AssertEveryoneMatchesThePopulationAsync<EducationData>(people, (person, data) =>
        {
            var expected = person.Studies.OrderByDescending(s => s.From)
                .Select(s => new Enrolment(s.Institution, Enum.Parse<EducationLevel>(s.Level, ignoreCase: true), s.FullTime, s.From, s.To));
            Assert.Equal(expected, data.Enrolments);
        });
    }

    private static int AcademicYear(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;
}
