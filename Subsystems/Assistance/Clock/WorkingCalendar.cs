using IntegrationHub.Modules.Calendar;

namespace IntegrationHub.Assistance.Clock;

/// <summary>
/// Public holidays (configuration <c>Assistance:Calendar</c>). Fixed-date holidays recur every year; the moveable
/// ones (Ramazan and Qurban bayramı) and the working days moved by government decree are listed as dates, year
/// by year: the defaults are uncertain, keep them current from the Cabinet's annual decree.
/// </summary>
public sealed class CalendarOptions
{
    /// <summary>Recurring holidays as <c>MM-dd</c>.</summary>
    public List<string> FixedHolidays { get; set; } = [.. WorkingDays.DefaultFixedHolidays];

    /// <summary>Further non-working days as <c>yyyy-MM-dd</c> (moveable holidays, days moved by decree).</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Working days from the application to the decision (docs/domain.md: 15).</summary>
    public int DecisionWorkingDays { get; set; } = 15;

    /// <summary>A case still undecided with this many working days or fewer left is at risk and goes to a caseworker.</summary>
    public int AtRiskWorkingDays { get; set; } = 3;
}

/// <summary>The assistance calendar: the shared working-day calculation (<see cref="WorkingDays"/>) with this module's holidays and deadline.</summary>
public sealed class WorkingCalendar
{
    private readonly WorkingDays _days;

    public WorkingCalendar(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _days = new WorkingDays(options.FixedHolidays, options.Holidays);
    }

    public CalendarOptions Options { get; }

    public bool IsWorkingDay(DateOnly day) => _days.IsWorkingDay(day);

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="start"/> (the start day itself never counts).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays) => _days.AddWorkingDays(start, workingDays);

    /// <summary>Working days after <paramref name="today"/> up to and including <paramref name="due"/>; negative when overdue.</summary>
    public int WorkingDaysLeft(DateOnly today, DateOnly due) => _days.WorkingDaysLeft(today, due);

    public DateOnly DueDate(DateOnly applied) => AddWorkingDays(applied, Options.DecisionWorkingDays);

    public bool AtRisk(DateOnly today, DateOnly due) => WorkingDaysLeft(today, due) <= Options.AtRiskWorkingDays;

    /// <summary>Start-up check of the settings.</summary>
    public static IEnumerable<string> Problems(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var p in WorkingDays.Problems(options.FixedHolidays, options.Holidays, "Assistance:Calendar")) yield return p;
        if (options.DecisionWorkingDays < 1) yield return "Assistance:Calendar:DecisionWorkingDays must be at least 1.";
        if (options.AtRiskWorkingDays < 0 || options.AtRiskWorkingDays >= options.DecisionWorkingDays)
        {
            yield return "Assistance:Calendar:AtRiskWorkingDays must be between 0 and DecisionWorkingDays - 1.";
        }
    }
}
