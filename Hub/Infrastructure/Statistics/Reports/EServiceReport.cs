namespace IntegrationHub.Statistics.Reports;

/// <summary>E-service statistics as the ministry reports them, for the months <see cref="From"/> to <see cref="To"/> (<c>yyyy-MM</c>).</summary>
public sealed record EServiceReport(string From, string To, IReadOnlyList<EServiceReportMonth> Months)
{
    /// <summary>
    /// The report over <paramref name="counts"/> (the e-service series from the month before <paramref name="from"/>
    /// to <paramref name="to"/>): every e-service of the catalog in every month, with no use as 0. Counts of keys
    /// not in this build's catalog are left out.
    /// </summary>
    public static EServiceReport Build(IEnumerable<UsageCount> counts, StatisticsMonth from, StatisticsMonth to)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var byMonth = counts.Where(c => c.Series == UsageSeries.EServices && EServiceCatalog.Find(c.Key) is not null)
            .ToLookup(c => c.Month, StringComparer.Ordinal);
        var months = new List<EServiceReportMonth>();
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            var these = byMonth[month.ToString()].ToList();
            var before = byMonth[month.AddMonths(-1).ToString()].ToList();
            var total = these.Sum(c => c.Count);
            var uses = EServiceCatalog.All.Select(service =>
            {
                var own = these.Where(c => c.Key == service.Key).ToList();
                var n = own.Sum(c => c.Count);
                var channels = EServiceChannels.All.ToDictionary(ch => ch.Name(), ch => own.Where(c => c.Channel == ch.Name()).Sum(c => c.Count), StringComparer.Ordinal);
                // A channel this build does not know (a newer instance's) is shown under its own name rather than dropped.
                foreach (var other in own.Where(c => !channels.ContainsKey(c.Channel)).GroupBy(c => c.Channel)) channels[other.Key] = other.Sum(c => c.Count);
                return new EServiceMonthUses(service.Key, service.NameAz, service.NameEn, n, channels,
                    Growth(n, before.Where(c => c.Key == service.Key).Sum(c => c.Count)), Percent(n, total));
            }).ToList();
            months.Add(new EServiceReportMonth(month.ToString(), total, Growth(total, before.Sum(c => c.Count)), uses));
        }
        return new EServiceReport(from.ToString(), to.ToString(), months);
    }

    /// <summary>Per cent more (or fewer) than the month before, to one decimal; null when the month before had none.</summary>
    public static decimal? Growth(long uses, long before) => before == 0 ? null : Math.Round(100m * (uses - before) / before, 1, MidpointRounding.AwayFromZero);

    /// <summary>Share of the total in per cent, to one decimal; null when the total is 0.</summary>
    public static decimal? Percent(long part, long total) => total == 0 ? null : Math.Round(100m * part / total, 1, MidpointRounding.AwayFromZero);
}

/// <param name="Month"><c>yyyy-MM</c>.</param>
/// <param name="Total">Uses of every e-service in the month.</param>
/// <param name="GrowthPercent">The total's change against the month before, per cent; null when that month had none.</param>
/// <param name="EServices">Every e-service of the catalog, in the catalog's order.</param>
public sealed record EServiceReportMonth(string Month, long Total, decimal? GrowthPercent, IReadOnlyList<EServiceMonthUses> EServices);

/// <param name="Key">The e-service's stable key.</param>
/// <param name="Uses">Its uses in the month, all channels.</param>
/// <param name="Channels">Uses per channel (<c>portal</c>, <c>post-office</c>, <c>call-centre</c>, <c>api</c>), 0 included.</param>
/// <param name="GrowthPercent">Change against its own uses the month before, per cent; null when it had none then.</param>
/// <param name="SharePercent">Its share of the month's total, per cent; null when the month had no use at all.</param>
public sealed record EServiceMonthUses(string Key, string NameAz, string NameEn, long Uses, IReadOnlyDictionary<string, long> Channels,
    decimal? GrowthPercent, decimal? SharePercent);
