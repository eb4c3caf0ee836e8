using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Storage;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// Plausible past months of e-service use for the default mode (<c>Mocks:HistoryMonths</c>), so a newcomer's
/// dashboard shows a year of figures rather than one bar. Written once, at start-up, as the tallies of an instance
/// of its own (<see cref="Instance"/>): a report sums it with the real counts, and a restart does not add it again.
/// </summary>
public sealed partial class UsageHistory(IUsageStore store, IOptions<StatisticsOptions> statistics, TimeProvider time, int months, int seed,
    ILogger<UsageHistory> logger) : IHostedService
{
    /// <summary>The instance the seeded tallies are stored under.</summary>
    public const string Instance = "mock-history";

    // Uses of a month about a year ago, per e-service and channel: the orders of magnitude of the ministry's own
    // figures for services of this size; a month grows on the one before by about 2 %, with noise.
    private static readonly (string EService, EServiceChannel Channel, int Uses)[] Base =
    [
        (EServiceKeys.AssistanceApplication, EServiceChannel.Portal, 6200),
        (EServiceKeys.DisabilityExamExtract, EServiceChannel.Portal, 2400),
        (EServiceKeys.ExtractVerification, EServiceChannel.Api, 1700),
        (EServiceKeys.LastExamLookup, EServiceChannel.Portal, 3100),
        (EServiceKeys.LastExamLookup, EServiceChannel.CallCentre, 1300),
    ];

    /// <summary>The uses of the <paramref name="months"/> months before <paramref name="thisMonth"/> (this one is left to the real counts); the same for the same seed.</summary>
    public static IReadOnlyList<UsageCount> Generate(StatisticsMonth thisMonth, int months, int seed)
    {
        var random = new Random(seed);
        var counts = new List<UsageCount>();
        for (var back = months; back >= 1; back--)
        {
            var month = thisMonth.AddMonths(-back);
            // Fewer uses in summer and in the New Year holidays, as public services see.
            var season = month.Month switch { 1 => 0.85, 7 or 8 => 0.8, _ => 1.0 };
            var trend = Math.Pow(1.02, months - back);
            foreach (var (eService, channel, uses) in Base)
            {
                var noise = 0.9 + random.NextDouble() * 0.2;
                counts.Add(new UsageCount(UsageSeries.EServices, eService, channel.Name(), month.ToString(), (long)Math.Round(uses * trend * season * noise)));
            }
        }
        return counts;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await store.HoldsAnyAsync(Instance, cancellationToken)) return;
            var thisMonth = StatisticsMonth.Of(time.GetUtcNow(), statistics.Value.UtcOffset);
            await store.AddAsync(Instance, Generate(thisMonth, months, seed), cancellationToken);
            LogSeeded(logger, months, thisMonth.AddMonths(-months).ToString(), thisMonth.AddMonths(-1).ToString());
        }
        catch (IntegrationHub.Storage.StorageUnavailableException e)
        {
            // A shared database down at start: the mock history is seeded by the next start instead; the hub starts.
            LogNotSeeded(logger, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Mock country: {Months} months of e-service use seeded ({From} to {To}), as instance mock-history in the statistics")]
    private static partial void LogSeeded(ILogger logger, int months, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mock country: the e-service history was not seeded (the statistics database is unavailable)")]
    private static partial void LogNotSeeded(ILogger logger, Exception exception);
}
