namespace IntegrationHub.Assistance.Tests.Clock;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Default = new(new CalendarOptions());

    [Theory]
    // Monday 2 March 2026: without Novruz (20, 23, 24 March on working days) it would be Monday 23 March.
    [InlineData("2026-03-02", "2026-03-26")]
    // An ordinary stretch: Monday 4 May 2026 (9 May falls on a Saturday).
    [InlineData("2026-05-04", "2026-05-25")]
    // Across the year end: 31 Dec, 1 and 2 Jan are holidays, and the weekends.
    [InlineData("2025-12-22", "2026-01-15")]
    // Applied on a Saturday: the clock starts on the next working day.
    [InlineData("2026-11-07", "2026-11-30")]
    public void DueDate_Is15WorkingDaysAfterTheApplication(string applied, string due)
    {
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Default.DueDate(DateOnly.Parse(applied, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ConfiguredMoveableHoliday_IsNotAWorkingDay()
    {
        var calendar = new WorkingCalendar(new CalendarOptions { Holidays = ["2026-05-20"] });
        var day = new DateOnly(2026, 5, 20);

        Assert.True(Default.IsWorkingDay(day));
        Assert.False(calendar.IsWorkingDay(day));
        Assert.Equal(Default.DueDate(new DateOnly(2026, 5, 4)).AddDays(1), calendar.DueDate(new DateOnly(2026, 5, 4)));
    }

    [Fact]
    public void WorkingDaysLeft_CountsDownAndGoesNegativeWhenOverdue()
    {
        var applied = new DateOnly(2026, 3, 2);
        var due = Default.DueDate(applied);

        Assert.Equal(15, Default.WorkingDaysLeft(applied, due));
        Assert.Equal(0, Default.WorkingDaysLeft(due, due));
        Assert.Equal(-1, Default.WorkingDaysLeft(new DateOnly(2026, 3, 27), due));
        Assert.Equal(-2, Default.WorkingDaysLeft(new DateOnly(2026, 3, 30), due));
        Assert.True(Default.AtRisk(new DateOnly(2026, 3, 18), due)); // 19, 25, 26 left: Novruz in between
        Assert.False(Default.AtRisk(new DateOnly(2026, 3, 17), due)); // 18, 19, 25, 26
    }

    [Fact]
    public void BadSettings_AreNamed()
    {
        var problems = WorkingCalendar.Problems(new CalendarOptions { FixedHolidays = ["13-01"], Holidays = ["2026-02-30"], AtRiskWorkingDays = 20 }).ToList();

        Assert.Equal(3, problems.Count);
    }
}
