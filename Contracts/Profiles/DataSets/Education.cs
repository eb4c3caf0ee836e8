using System.Text.Json.Serialization;

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
    public bool InFullTimeStudy => Enrolments.Any(e => e.FullTime && e.To is null);
}

public sealed record Enrolment(string Institution, EducationLevel Level, bool FullTime, DateOnly From, DateOnly? To);
