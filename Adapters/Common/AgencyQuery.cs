namespace IntegrationHub.Adapters.Common;

/// <summary>What one profile request asks of every agency besides the person: the day it is asked and the income window.</summary>
/// <param name="Today">The day the profile is assembled.</param>
/// <param name="PeriodFrom">First day of the 12-month window (the 12 full months before the current one).</param>
/// <param name="PeriodTo">Last day of the window.</param>
public sealed record AgencyQuery(DateOnly Today, DateOnly PeriodFrom, DateOnly PeriodTo)
{
    /// <summary>Every agency is asked anew: a cached answer does not serve, though it may stand in when the agency fails.</summary>
    public bool Fresh { get; init; }

    /// <summary>The query for a given day: the window is the 12 whole months before that day's month.</summary>
    public static AgencyQuery For(DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        return new AgencyQuery(today, monthStart.AddMonths(-12), monthStart.AddDays(-1));
    }
}
