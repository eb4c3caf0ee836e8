namespace IntegrationHub.Mocks.Agencies.Education;

/// <summary>
/// Education registry of the Ministry of Science and Education, learner records API v1 (camelCase).
/// <list type="bullet">
/// <item><c>GET /api/v1/learners/{pin}/academic-years?page=&amp;pageSize=</c>: one record per academic year the person
/// was enrolled in, newest first, in pages of <c>{ items, page, pageSize, total }</c> (at most 10 a page).</item>
/// </list>
/// Errors: <c>{ "errors": [ { "code", "message" } ] }</c>; an unknown PIN is 404 <c>LEARNER_NOT_FOUND</c>.
/// </summary>
public sealed class EducationRegistryMock(SyntheticPopulation population) : MockAgency(population, "education", "Education registry (Ministry of Science and Education)")
{
    private const int MaxPageSize = 10;

    protected override void Map()
    {
        Get("^/api/v1/learners/(?<pin>[^/]+)/academic-years$", (m, request) =>
        {
            if (Find(m.Groups["pin"].Value) is not { } p) return Error(404, "LEARNER_NOT_FOUND", "No learner with this PIN.");
            var page = QueryInt(request, "page") ?? 1;
            var pageSize = Math.Min(QueryInt(request, "pageSize") ?? MaxPageSize, MaxPageSize);
            if (page < 1 || pageSize < 1) return Error(400, "INVALID_PAGING", "page and pageSize must be positive integers.");

            var years = p.Studies.SelectMany(YearsOf).OrderByDescending(y => y.StartYear).ThenByDescending(y => y.Record.StartDate).ToList();
            return Json(new
            {
                items = years.Skip((page - 1) * pageSize).Take(pageSize).Select(y => y.Record),
                page,
                pageSize,
                total = years.Count,
            });
        });
    }

    /// <summary>The study as the registry keeps it: one record per academic year, closed by promotion or graduation.</summary>
    private IEnumerable<(int StartYear, YearRecord Record)> YearsOf(Study study)
    {
        var first = AcademicYearOf(study.From);
        // An admission registered ahead of the school year still shows as that year's record.
        var last = study.To is { } to ? AcademicYearOf(to) : Math.Max(first, AcademicYearOf(Population.AsOf));
        for (var y = first; y <= last; y++)
        {
            var final = y == last;
            yield return (y, new YearRecord(
                string.Create(CultureInfo.InvariantCulture, $"{y}/{y + 1}"),
                study.Institution,
                study.Level,
                study.FullTime ? "FULL_TIME" : "EXTRAMURAL",
                y - first + 1,
                y == first ? study.From : new DateOnly(y, 9, 15),
                final ? study.To : new DateOnly(y + 1, 6, 30),
                !final ? "PROMOTED" : study.To is null ? "ENROLLED" : "GRADUATED"));
        }
    }

    private static int AcademicYearOf(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { errors = new[] { new { code, message } } }, status);

    // Serialized with the web (camelCase) naming: AcademicYear goes out as "academicYear".
    private sealed record YearRecord(
        string AcademicYear, string InstitutionName, string LevelCode, string StudyForm, int Grade, DateOnly StartDate, DateOnly? EndDate, string YearStatus);
}
