using System.Globalization;

namespace IntegrationHub.Adapters.Education;

/// <summary>
/// Education registry wire records to canonical enrolments. The registry keeps one record per academic year;
/// consecutive years at the same institution and level are one enrolment, from the first year's start to
/// the graduation or withdrawal that ends it (open while the person is still enrolled).
/// </summary>
public static class EducationRegistryMapper
{
    public static EducationData ToEducation(IEnumerable<AcademicYearDto> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var ordered = years.Select(Parse).OrderBy(y => y.StartYear).ToList();

        var enrolments = new List<Enrolment>();
        var run = new List<Year>();
        foreach (var year in ordered)
        {
            if (run.Count > 0 && !Continues(run[^1], year))
            {
                enrolments.Add(ToEnrolment(run));
                run.Clear();
            }
            run.Add(year);
        }
        if (run.Count > 0) enrolments.Add(ToEnrolment(run));

        return new EducationData(enrolments.OrderByDescending(e => e.From).ToList());
    }

    private static bool Continues(Year previous, Year next) =>
        next.StartYear == previous.StartYear + 1
        && !previous.Closes
        && string.Equals(previous.Institution, next.Institution, StringComparison.Ordinal)
        && previous.Level == next.Level;

    // The study form can change during an enrolment (full-time to extramural); the latest year says what it is now.
    private static Enrolment ToEnrolment(List<Year> run) =>
        new(run[^1].Institution, run[^1].Level, run[^1].FullTime, run[0].Start, run[^1].Closes ? run[^1].End : null);

    private static Year Parse(AcademicYearDto dto)
    {
        var closes = dto.YearStatus switch
        {
            "GRADUATED" or "WITHDRAWN" => true,
            // A promoted year is not an end: in the summer between two years the person is still enrolled.
            "ENROLLED" or "PROMOTED" => false,
            _ => throw new FormatException($"Unknown academic-year status '{dto.YearStatus}' from the education registry."),
        };
        if (closes && dto.EndDate is null)
        {
            throw new FormatException($"Education registry year {dto.AcademicYear} is {dto.YearStatus} but has no end date.");
        }
        return new Year(StartYear(dto.AcademicYear), dto.InstitutionName, Level(dto.LevelCode), FullTime(dto.StudyForm), dto.StartDate, dto.EndDate, closes);
    }

    private static int StartYear(string academicYear)
    {
        // "2025/2026": the second year must follow the first, or the record is garbled.
        var parts = academicYear.Split('/');
        if (parts is [{ Length: 4 }, { Length: 4 }]
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && end == start + 1)
        {
            return start;
        }
        throw new FormatException($"Academic year '{academicYear}' from the education registry is not of the form yyyy/yyyy.");
    }

    private static EducationLevel Level(string code) => code switch
    {
        "PRESCHOOL" => EducationLevel.Preschool,
        "SCHOOL" => EducationLevel.School,
        "VOCATIONAL" => EducationLevel.Vocational,
        "BACHELOR" => EducationLevel.Bachelor,
        "MASTER" => EducationLevel.Master,
        "DOCTORAL" => EducationLevel.Doctoral,
        _ => throw new FormatException($"Unknown education level code '{code}' from the education registry."),
    };

    private static bool FullTime(string code) => code switch
    {
        "FULL_TIME" => true,
        "PART_TIME" or "EXTRAMURAL" or "DISTANCE" => false,
        _ => throw new FormatException($"Unknown study form '{code}' from the education registry."),
    };

    private sealed record Year(int StartYear, string Institution, EducationLevel Level, bool FullTime, DateOnly Start, DateOnly? End, bool Closes);
}
