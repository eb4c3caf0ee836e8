namespace IntegrationHub.Adapters.Education;

// Wire shapes of the education registry, as it publishes them (camelCase, pages of { items, page, pageSize, total }).

public sealed record AcademicYearPageDto(IReadOnlyList<AcademicYearDto> Items, int Page, int PageSize, int Total) : IAgencyPage<AcademicYearDto>;

/// <param name="AcademicYear">E.g. <c>2025/2026</c>.</param>
/// <param name="LevelCode"><c>PRESCHOOL</c>, <c>SCHOOL</c>, <c>VOCATIONAL</c>, <c>BACHELOR</c>, <c>MASTER</c> or <c>DOCTORAL</c>.</param>
/// <param name="StudyForm"><c>FULL_TIME</c>, <c>PART_TIME</c>, <c>EXTRAMURAL</c> or <c>DISTANCE</c>.</param>
/// <param name="Grade">School grade or year of study.</param>
/// <param name="StartDate">First day of this year's enrolment (the admission day in the first year).</param>
/// <param name="EndDate">Last day of this year's enrolment; null while the year runs.</param>
/// <param name="YearStatus"><c>ENROLLED</c> (year under way), <c>PROMOTED</c> (completed, continues), <c>GRADUATED</c> or <c>WITHDRAWN</c>.</param>
public sealed record AcademicYearDto(
    string AcademicYear,
    string InstitutionName,
    string LevelCode,
    string StudyForm,
    int Grade,
    DateOnly StartDate,
    DateOnly? EndDate,
    string YearStatus);

// Read exactly as docs/agencies/education.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AcademicYearPageDto))]
public sealed partial class EducationRegistryJsonContext : JsonSerializerContext;
