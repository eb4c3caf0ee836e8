using IntegrationHub.Adapters.Education;

namespace IntegrationHub.Adapters.Tests.Education;

public sealed class EducationRegistryMapperTests
{
    private const string School = "145 saylı tam orta məktəb";
    private const string University = "Bakı Dövlət Universiteti";

    /// <summary>One academic-year record as the registry sends it; start and end default to the school calendar.</summary>
    private static AcademicYearDto Year(
        int startYear, string status = "PROMOTED", string institution = School, string level = "SCHOOL", string form = "FULL_TIME", DateOnly? start = null, DateOnly? end = null) =>
        new($"{startYear}/{startYear + 1}", institution, level, form, 1, start ?? new DateOnly(startYear, 9, 15),
            status == "ENROLLED" ? end : end ?? new DateOnly(startYear + 1, 6, 30), status);

    [Fact]
    public void ToEducation_ConsecutiveYears_MergeIntoOneOpenEnrolment()
    {
        var data = EducationRegistryMapper.ToEducation([Year(2023, start: new DateOnly(2023, 9, 1)), Year(2024), Year(2025, "ENROLLED")]);

        var e = Assert.Single(data.Enrolments);
        Assert.Equal(School, e.Institution);
        Assert.Equal(EducationLevel.School, e.Level);
        Assert.True(e.FullTime);
        Assert.Equal(new DateOnly(2023, 9, 1), e.From);
        Assert.Null(e.To);
        Assert.True(data.InFullTimeStudy);
    }

    [Fact]
    public void ToEducation_GraduatedLastYear_ClosesEnrolmentOnItsEndDate()
    {
        var data = EducationRegistryMapper.ToEducation([Year(2022), Year(2023, "GRADUATED", end: new DateOnly(2024, 6, 20))]);

        var e = Assert.Single(data.Enrolments);
        Assert.Equal(new DateOnly(2022, 9, 15), e.From);
        Assert.Equal(new DateOnly(2024, 6, 20), e.To);
        Assert.False(data.InFullTimeStudy);
    }

    [Fact]
    public void ToEducation_WithdrawnYear_ClosesEnrolment()
    {
        var e = Assert.Single(EducationRegistryMapper.ToEducation([Year(2024, "WITHDRAWN", end: new DateOnly(2025, 2, 3))]).Enrolments);

        Assert.Equal(new DateOnly(2025, 2, 3), e.To);
    }

    [Fact]
    public void ToEducation_SummerAfterPromotion_StaysOpen()
    {
        // The last year was completed and the next one has not opened yet: still a pupil.
        var e = Assert.Single(EducationRegistryMapper.ToEducation([Year(2024), Year(2025)]).Enrolments);

        Assert.Null(e.To);
    }

    [Fact]
    public void ToEducation_SchoolThenUniversity_TwoEnrolmentsNewestFirst()
    {
        var data = EducationRegistryMapper.ToEducation(
        [
            Year(2023, "ENROLLED", University, "BACHELOR"),
            Year(2021), Year(2022, "GRADUATED"),
        ]);

        Assert.Equal([EducationLevel.Bachelor, EducationLevel.School], data.Enrolments.Select(e => e.Level));
        Assert.Equal(University, data.Enrolments[0].Institution);
        Assert.Null(data.Enrolments[0].To);
        Assert.Equal(new DateOnly(2023, 6, 30), data.Enrolments[1].To);
    }

    [Fact]
    public void ToEducation_ChangeOfSchool_StartsNewEnrolment()
    {
        var data = EducationRegistryMapper.ToEducation([Year(2023), Year(2024, "ENROLLED", institution: "7 saylı məktəb")]);

        Assert.Equal(2, data.Enrolments.Count);
        Assert.Equal("7 saylı məktəb", data.Enrolments[0].Institution);
    }

    [Fact]
    public void ToEducation_GapYear_StartsNewEnrolment()
    {
        var data = EducationRegistryMapper.ToEducation([Year(2021), Year(2023, "ENROLLED")]);

        Assert.Equal([2023, 2021], data.Enrolments.Select(e => e.From.Year));
    }

    [Fact]
    public void ToEducation_RecordsNewestFirstAsPaged_SameAsInOrder()
    {
        AcademicYearDto[] years = [Year(2022), Year(2023), Year(2024, "ENROLLED")];

        Assert.Equal(EducationRegistryMapper.ToEducation(years).Enrolments, EducationRegistryMapper.ToEducation(years.Reverse()).Enrolments);
    }

    [Fact]
    public void ToEducation_StudyFormChanged_LatestYearDecides()
    {
        var e = Assert.Single(EducationRegistryMapper.ToEducation(
            [Year(2023, institution: University, level: "BACHELOR"), Year(2024, "ENROLLED", University, "BACHELOR", "EXTRAMURAL")]).Enrolments);

        Assert.False(e.FullTime);
    }

    [Fact]
    public void ToEducation_NoRecords_NoEnrolments()
    {
        var data = EducationRegistryMapper.ToEducation([]);

        Assert.Empty(data.Enrolments);
        Assert.False(data.InFullTimeStudy);
    }

    [Theory]
    [MemberData(nameof(EducationRegistryDocumentContractTests.DocumentedLevels), MemberType = typeof(EducationRegistryDocumentContractTests))]
    public void ToEducation_EveryLevelCode_MapsToItsLevel(string code, EducationLevel expected)
    {
        Assert.Equal(expected, Assert.Single(EducationRegistryMapper.ToEducation([Year(2024, level: code)]).Enrolments).Level);
    }

    [Theory]
    [MemberData(nameof(EducationRegistryDocumentContractTests.DocumentedStudyForms), MemberType = typeof(EducationRegistryDocumentContractTests))]
    public void ToEducation_EveryStudyForm_MapsToFullTimeOrNot(string form, bool fullTime)
    {
        Assert.Equal(fullTime, Assert.Single(EducationRegistryMapper.ToEducation([Year(2024, form: form)]).Enrolments).FullTime);
    }

    [Fact]
    public void ToEducation_UnknownLevelCode_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => EducationRegistryMapper.ToEducation([Year(2024, level: "LYCEUM")]));
        Assert.Contains("'LYCEUM'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEducation_UnknownCodeInAnEarlierYear_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => EducationRegistryMapper.ToEducation([Year(2023, form: "EVENING"), Year(2024, "ENROLLED")]));
        Assert.Contains("'EVENING'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEducation_UnknownYearStatus_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => EducationRegistryMapper.ToEducation([Year(2024, "REPEATING")]));
        Assert.Contains("'REPEATING'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024")]
    [InlineData("2024/2026")]
    [InlineData("24/25")]
    public void ToEducation_GarbledAcademicYear_IsRejected(string academicYear)
    {
        var year = Year(2024) with { AcademicYear = academicYear };

        var ex = Assert.Throws<FormatException>(() => EducationRegistryMapper.ToEducation([year]));
        Assert.Contains($"'{academicYear}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEducation_GraduatedWithoutEndDate_IsRejected()
    {
        var year = Year(2024, "GRADUATED") with { EndDate = null };

        Assert.Throws<FormatException>(() => EducationRegistryMapper.ToEducation([year]));
    }
}
