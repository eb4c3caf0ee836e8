namespace IntegrationHub.Statistics.Storage;

/// <summary>What the counts are kept apart by: the e-services, the hub's profiles per purpose, and the outcomes of decided cases.</summary>
public static class UsageSeries
{
    public const string EServices = "e-service";
    public const string Profiles = "profile";

    /// <summary>Outcomes of decided cases (<see cref="IOutcomeCounter"/>): the key is the process, the channel the outcome.</summary>
    public const string Outcomes = "outcome";
}

/// <summary>A count of uses of <paramref name="Key"/> (an e-service, a purpose) on <paramref name="Channel"/> in <paramref name="Month"/> (<c>yyyy-MM</c>).</summary>
public sealed record UsageCount(string Series, string Key, string Channel, string Month, long Count);

/// <summary>
/// Where the counts are kept. Each instance adds its increments to tallies of its own, and a read sums every
/// instance's: instances sharing a store (PostgreSQL) never read-modify-write each other's rows, so no count is
/// lost when they flush at the same time. No type of a particular database in this interface.
/// </summary>
public interface IUsageStore
{
    /// <summary>Adds <paramref name="increments"/> to <paramref name="instance"/>'s tallies, all or none, durably before it completes.</summary>
    Task AddAsync(string instance, IReadOnlyCollection<UsageCount> increments, CancellationToken cancellationToken);

    /// <summary>The counts of <paramref name="series"/> from <paramref name="from"/> to <paramref name="to"/> (inclusive), summed over all instances, one per key, channel and month.</summary>
    Task<IReadOnlyList<UsageCount>> ReadAsync(string series, StatisticsMonth from, StatisticsMonth to, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="instance"/> holds any tally (seeded history is written once).</summary>
    Task<bool> HoldsAnyAsync(string instance, CancellationToken cancellationToken);
}
