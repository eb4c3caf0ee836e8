namespace IntegrationHub.Statistics;

/// <summary>
/// Counts the uses of the ministry's e-services where they happen: one call per use, after the use succeeded
/// (an application stored, an extract issued, an answer given). In memory, so a use costs no write; the counts
/// reach the statistics store periodically and at shutdown (<see cref="StatisticsOptions.FlushInterval"/>).
/// </summary>
public interface IEServiceCounter
{
    /// <summary>One use of <paramref name="eService"/> (a key of <see cref="EServiceCatalog"/>, see <see cref="EServiceKeys"/>) this month on <paramref name="channel"/>.</summary>
    /// <exception cref="ArgumentException">The key is not in the catalog: a programming error, not a citizen's.</exception>
    void Count(string eService, EServiceChannel channel);
}

/// <summary>
/// Counts the household profiles the hub hands out, per purpose, where they are assembled: an operations figure
/// of the hub's own beside the e-services (a profile is not a citizen's use of an e-service).
/// </summary>
public interface IProfileCounter
{
    /// <summary>One profile handed out this month for <paramref name="purpose"/>.</summary>
    void Count(string purpose);
}
