namespace IntegrationHub.Employment.Domain;

/// <summary>
/// The Labour Code's limits a notification is checked against (docs/domain.md gives the articles): the youngest age
/// at which a labour contract may start, the shorter week of employees under 18, the normal week, and the minimum
/// monthly wage for the hours worked. Pure: no clock, no I/O.
/// </summary>
public sealed class LabourRules(IReadOnlyList<MinimumWage> minimumWages, decimal normalWeeklyHours)
{
    /// <summary>A labour contract may start on the employee's 15th birthday at the earliest (Labour Code arts. 42, 249).</summary>
    public const int MinimumAge = 15;

    /// <summary>Weekly hours at most from 15 to 16 (Labour Code art. 91).</summary>
    public const decimal HoursUnder16 = 24;

    /// <summary>Weekly hours at most from 16 to 18 (Labour Code art. 91).</summary>
    public const decimal HoursUnder18 = 36;

    private readonly IReadOnlyList<MinimumWage> _wages = minimumWages.OrderBy(w => w.From).ToList();

    public decimal NormalWeeklyHours { get; } = normalWeeklyHours;

    /// <summary>Full years of age on <paramref name="on"/>.</summary>
    public static int Age(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        if (on < birthDate.AddYears(age)) age--;
        return age;
    }

    /// <summary>The most weekly hours an employee of this age may work: 24 under 16, 36 under 18, the normal week otherwise.</summary>
    public decimal MaxWeeklyHours(int age) => age < 16 ? HoursUnder16 : age < 18 ? HoursUnder18 : NormalWeeklyHours;

    /// <summary>The minimum monthly wage in force on <paramref name="on"/>; null before the table's first date.</summary>
    public MinimumWage? MinimumWageOn(DateOnly on) => _wages.LastOrDefault(w => w.From <= on);

    /// <summary>
    /// The least a monthly wage for <paramref name="weeklyHours"/> may be on <paramref name="on"/>: the minimum wage's share
    /// for those hours of the normal week (20 hours of 40 in 2025: 200 AZN). Compared unrounded. Zero before the table.
    /// </summary>
    public decimal LeastWage(DateOnly on, decimal weeklyHours) =>
        MinimumWageOn(on) is { } minimum ? minimum.Amount * Math.Min(weeklyHours, NormalWeeklyHours) / NormalWeeklyHours : 0m;
}
