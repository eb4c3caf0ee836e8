using System.Globalization;

namespace IntegrationHub.Modules.Calendar;

/// <summary>
/// Working days, the one calculation every module's deadline uses (the assistance decision's 15 working days, the
/// central commission's appeal deadline): not a Saturday, not a Sunday, not a holiday. Fixed-date holidays
/// (<c>MM-dd</c>) recur every year; moveable ones and days moved by decree are listed as <c>yyyy-MM-dd</c>.
/// </summary>
public sealed class WorkingDays
{
    /// <summary>The recurring public holidays, <c>MM-dd</c>: the default of every module's calendar (keep current from the Cabinet's decrees).</summary>
    public static IReadOnlyList<string> DefaultFixedHolidays { get; } =
    [
        "01-01", "01-02", "03-08", "03-20", "03-21", "03-22", "03-23", "03-24", "05-09", "05-28", "06-15", "06-26", "11-08", "11-09", "12-31",
    ];

    private readonly HashSet<(int Month, int Day)> _fixed;
    private readonly HashSet<DateOnly> _dates;

    public WorkingDays(IEnumerable<string> fixedHolidays, IEnumerable<string> holidays)
    {
        ArgumentNullException.ThrowIfNull(fixedHolidays);
        ArgumentNullException.ThrowIfNull(holidays);
        _fixed = fixedHolidays.Select(ParseMonthDay).ToHashSet();
        _dates = holidays.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
    }

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
    public int WorkingDaysLeft(DateOnly today, DateOnly due) => due < today ? -CountBetween(due, today) : CountBetween(today, due);

    /// <summary>What is wrong with a calendar's holiday lists, each problem naming the setting under <paramref name="section"/>.</summary>
    public static IEnumerable<string> Problems(IEnumerable<string> fixedHolidays, IEnumerable<string> holidays, string section)
    {
        ArgumentNullException.ThrowIfNull(fixedHolidays);
        ArgumentNullException.ThrowIfNull(holidays);
        foreach (var d in fixedHolidays.Where(d => !TryParseMonthDay(d, out _))) yield return $"{section}:FixedHolidays has '{d}'; use MM-dd.";
        foreach (var d in holidays.Where(d => !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            yield return $"{section}:Holidays has '{d}'; use yyyy-MM-dd.";
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
