namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<EducationLevel>))]
public enum EducationLevel
{
    Preschool,
    School,
    Vocational,
    Bachelor,
    Master,
    Doctoral,
}

/// <summary>Education registry: enrolments, current and past.</summary>
public sealed record EducationData(IReadOnlyList<Enrolment> Enrolments)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<EducationData> DataSet { get; } = new(
        "education",
        m => m.Education,
        (m, set) => m with { Education = set });

    public bool InFullTimeStudy => Enrolments.Any(e => e.FullTime && e.To is null);
}

public sealed record Enrolment(string Institution, EducationLevel Level, bool FullTime, DateOnly From, DateOnly? To);
