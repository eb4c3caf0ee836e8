namespace IntegrationHub.Statistics;

/// <summary>Settings of the statistics (section <c>Statistics</c>), validated at start-up.</summary>
public sealed class StatisticsOptions
{
    public const string SectionName = "Statistics";

    /// <summary>
    /// How often the counts kept in memory go to the store (and at shutdown). A crash loses at most this much of
    /// the figures; a shorter interval costs one durable write per interval, never one per use.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// This instance's name in the store: each instance adds to its own tallies and a report sums them all, so
    /// instances sharing one store never overwrite each other's counts. Default: the machine's name.
    /// </summary>
    public string Instance { get; set; } = Environment.MachineName;

    /// <summary>The clock months are counted on, as an offset from UTC: Baku time (UTC+4, no daylight saving since 2016).</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(4);

    public IEnumerable<string> Problems()
    {
        if (FlushInterval < TimeSpan.FromSeconds(1) || FlushInterval > TimeSpan.FromHours(1))
        {
            yield return "Statistics:FlushInterval must be between 00:00:01 and 01:00:00.";
        }
        if (string.IsNullOrWhiteSpace(Instance) || Instance.Length > 100 || Instance.Contains('|', StringComparison.Ordinal))
        {
            yield return "Statistics:Instance must be 1-100 characters without '|'.";
        }
        if (UtcOffset < TimeSpan.FromHours(-14) || UtcOffset > TimeSpan.FromHours(14) || UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            yield return "Statistics:UtcOffset must be whole minutes between -14:00 and 14:00.";
        }
    }
}
