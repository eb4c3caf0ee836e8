namespace IntegrationHub.ContactCentre.Storage;

/// <summary>What a change of a call writes besides the call itself.</summary>
/// <param name="Save">Whether the call was changed (false: nothing is written).</param>
/// <param name="NewFollowUp">A follow-up opened in the same commit.</param>
/// <param name="Result">What the change tells its caller.</param>
public sealed record CallChange<T>(bool Save, T Result, FollowUpRecord? NewFollowUp = null);

/// <summary>
/// The contact centre's durable state: calls, the callers' numbers seen, follow-ups. Everything acknowledged is on
/// disk. A change is a function of the record as stored, run inside one write, so concurrent changes of one call
/// (an operator taking it while the caller hangs up) see each other's result and never both win.
/// </summary>
public interface ICallStore : IDisposable
{
    /// <summary>
    /// Registers <paramref name="call"/> with the next number of its day and counts the earlier calls from its
    /// number; or returns the call already registered under the same telephony id (<c>Created</c> false).
    /// </summary>
    Task<(CallRecord Call, bool Created)> RegisterAsync(NewCall call, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="change"/> on the stored call (null when there is none) and writes what it says, in one commit.</summary>
    Task<T> ChangeAsync<T>(string number, Func<CallRecord?, CallChange<T>> change, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="change"/> on the stored follow-up (null when there is none) and writes it when it says so.</summary>
    Task<T> ChangeFollowUpAsync<T>(string id, Func<FollowUpRecord?, (bool Save, T Result)> change, CancellationToken cancellationToken);

    CallRecord? Find(string number);

    IReadOnlyList<CallRecord> InStatus(CallStatus status);

    /// <summary>Calls changed at or after <paramref name="since"/> (the monitor's last hour, rebuilt at start).</summary>
    IReadOnlyList<CallRecord> ChangedSince(DateTimeOffset since);

    /// <summary>Calls that arrived in the months <paramref name="fromMonth"/> to <paramref name="toMonth"/> (<c>yyyy-MM</c>).</summary>
    IReadOnlyList<CallRecord> ArrivedIn(string fromMonth, string toMonth);

    FollowUpRecord? FindFollowUp(string id);

    IReadOnlyList<FollowUpRecord> OpenFollowUps();

    /// <summary>Follow-ups opened in the months <paramref name="fromMonth"/> to <paramref name="toMonth"/>.</summary>
    IReadOnlyList<FollowUpRecord> FollowUpsOpenedIn(string fromMonth, string toMonth);

    long CallCount();

    /// <summary>Commit groups and records written since start (records ÷ groups is the batching achieved).</summary>
    (long Groups, long Records) WriteCounters { get; }
}
