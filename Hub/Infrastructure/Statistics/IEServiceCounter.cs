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

/// <summary>
/// Counts what became of the cases people decide (an appeal filed, and its outcome), per process and month, where it
/// happens: an operations figure beside the e-services. A process and an outcome are stable keys, lower-case with
/// hyphens (<see cref="OutcomeKeys"/>); they are in the stored counts and never change meaning.
/// </summary>
public interface IOutcomeCounter
{
    /// <summary>One <paramref name="outcome"/> of <paramref name="process"/> this month.</summary>
    /// <exception cref="ArgumentException">A key that is not lower-case letters, digits and hyphens: a programming error.</exception>
    void Count(string process, string outcome);
}

/// <summary>The processes and outcomes counted by <see cref="IOutcomeCounter"/>.</summary>
public static class OutcomeKeys
{
    /// <summary>A citizen's appeal against a disability exam result, decided by the central commission.</summary>
    public const string DisabilityAppeal = "disability-appeal";

    /// <summary>The appeal was lodged.</summary>
    public const string Filed = "filed";

    /// <summary>Decided: the result stands.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>Decided: a new result replaced the first.</summary>
    public const string Changed = "changed";

    /// <summary>Whether <paramref name="key"/> is a key: 1-40 of a-z, 0-9 and '-'.</summary>
    public static bool IsKey(string? key) =>
        key is { Length: > 0 and <= 40 } && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
