using System.Text.Json.Serialization;

namespace IntegrationHub.Disability.Domain;

/// <summary>The category a percentage of body-function impairment gives (docs/domain.md, since July 2022).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DisabilityCategory>))]
public enum DisabilityCategory
{
    /// <summary>Below 31 %: no disability.</summary>
    None,
    /// <summary>31-60 % (the former 3rd degree).</summary>
    From31To60,
    /// <summary>61-80 % (the former 2nd degree).</summary>
    From61To80,
    /// <summary>81-100 % (the former 1st degree).</summary>
    From81To100,
    /// <summary>Person with disability under 18 (formerly "limited health capacity"), 31 % and above.</summary>
    Under18,
}

/// <summary>Percentage → category and former degree.</summary>
public static class Categories
{
    public const int Step = 5;

    /// <summary>Null when <paramref name="percent"/> is a valid percentage (0-100 in steps of 5); otherwise why not.</summary>
    public static string? CheckPercent(int? percent) => percent switch
    {
        null => "The percentage is missing.",
        < 0 or > 100 => $"The percentage must be between 0 and 100; got {percent}.",
        _ when percent % Step != 0 => $"The percentage is assessed in steps of {Step} %; got {percent}.",
        _ => null,
    };

    /// <summary>The band of the percentage alone, ignoring age.</summary>
    public static DisabilityCategory Band(int percent) => percent switch
    {
        >= 81 => DisabilityCategory.From81To100,
        >= 61 => DisabilityCategory.From61To80,
        >= 31 => DisabilityCategory.From31To60,
        _ => DisabilityCategory.None,
    };

    /// <summary>The category for a person of <paramref name="ageOnStart"/> years on the assessment's start date.</summary>
    public static DisabilityCategory Of(int percent, int ageOnStart)
    {
        var band = Band(percent);
        return band != DisabilityCategory.None && ageOnStart < 18 ? DisabilityCategory.Under18 : band;
    }

    /// <summary>1, 2 or 3 for the pre-2022 degree; null for no disability and under 18.</summary>
    public static int? FormerDegree(DisabilityCategory category) => category switch
    {
        DisabilityCategory.From81To100 => 1,
        DisabilityCategory.From61To80 => 2,
        DisabilityCategory.From31To60 => 3,
        _ => null,
    };

    /// <summary>How the category reads on an extract and in answers.</summary>
    public static string Label(DisabilityCategory category) => category switch
    {
        DisabilityCategory.From81To100 => "81-100 %",
        DisabilityCategory.From61To80 => "61-80 %",
        DisabilityCategory.From31To60 => "31-60 %",
        DisabilityCategory.Under18 => "person with disability under 18",
        _ => "no disability (below 31 %)",
    };

    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        return birthDate.AddYears(age) > day ? age - 1 : age;
    }
}
