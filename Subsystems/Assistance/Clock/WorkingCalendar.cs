using System.Globalization;

namespace IntegrationHub.Assistance.Clock;

/// <summary>
/// Public holidays (configuration <c>Assistance:Calendar</c>). Fixed-date holidays recur every year; the moveable
/// ones (Ramazan and Qurban bayramı) and the working days moved by government decree are listed as dates, year
/// by year: the defaults are uncertain, keep them current from the Cabinet's annual decree.
/// </summary>
public sealed class CalendarOptions
{
    /// <summary>Recurring holidays as <c>MM-dd</c>.</summary>
    public List<string> FixedHolidays { get; set; } =
    [
        "01-01", "01-02", "03-08", "03-20", "03-21", "03-22", "03-23", "03-24", "05-09", "05-28", "06-15", "06-26", "11-08", "11-09", "12-31",
    ];

    /// <summary>Further non-working days as <c>yyyy-MM-dd</c> (moveable holidays, days moved by decree).</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Working days from the application to the decision (docs/domain.md: 15).</summary>
    public int DecisionWorkingDays { get; set; } = 15;

    /// <summary>A case still undecided with this many working days or fewer left is at risk and goes to a caseworker.</summary>
    public int AtRiskWorkingDays { get; set; } = 3;
}

/// <summary>Working days: not a Saturday, not a Sunday, not a holiday of the calendar.</summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<(int Month, int Day)> _fixed;
    private readonly HashSet<DateOnly> _dates;

    public WorkingCalendar(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _fixed = options.FixedHolidays.Select(ParseMonthDay).ToHashSet();
        _dates = options.Holidays.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
    }

    public CalendarOptions Options { get; }

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_fixed.Contains((day.Month, day.Day)) && !_dates.Contains(day);

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="start"/> (the start day itself never counts).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var left = workingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>Working days after <paramref name="today"/> up to and including <paramref name="due"/>; negative when overdue.</summary>
    public int WorkingDaysLeft(DateOnly today, DateOnly due)
    {
        if (due < today) return -CountBetween(due, today);
        return CountBetween(today, due);
    }

    public DateOnly DueDate(DateOnly applied) => AddWorkingDays(applied, Options.DecisionWorkingDays);

    public bool AtRisk(DateOnly today, DateOnly due) => WorkingDaysLeft(today, due) <= Options.AtRiskWorkingDays;

    /// <summary>Start-up check of the settings.</summary>
    public static IEnumerable<string> Problems(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var d in options.FixedHolidays.Where(d => !TryParseMonthDay(d, out _))) yield return $"Assistance:Calendar:FixedHolidays has '{d}'; use MM-dd.";
        foreach (var d in options.Holidays.Where(d => !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            yield return $"Assistance:Calendar:Holidays has '{d}'; use yyyy-MM-dd.";
        }
        if (options.DecisionWorkingDays < 1) yield return "Assistance:Calendar:DecisionWorkingDays must be at least 1.";
        if (options.AtRiskWorkingDays < 0 || options.AtRiskWorkingDays >= options.DecisionWorkingDays)
        {
            yield return "Assistance:Calendar:AtRiskWorkingDays must be between 0 and DecisionWorkingDays - 1.";
        }
    }

    private int CountBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) count++;
        }
        return count;
    }

    private static (int, int) ParseMonthDay(string text) =>
        TryParseMonthDay(text, out var md) ? md : throw new FormatException($"'{text}' is not MM-dd.");

    private static bool TryParseMonthDay(string text, out (int Month, int Day) value)
    {
        value = default;
        var ok = DateOnly.TryParseExact("2000-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d);
        if (ok) value = (d.Month, d.Day);
        return ok;
    }
}
