namespace IntegrationHub.Disability.Storage;

/// <summary>
/// Where the module keeps its cases, appeals, lookup records and extracts: <see cref="LiteDbDisabilityStore"/>
/// (<c>disability.db</c>, one process, the default) or <see cref="Postgres.PostgresDisabilityStore"/> (the shared database
/// with <c>Storage:Provider=Postgres</c>, any number of processes). Reads answer at once; writes complete once durable.
/// A read-modify-write (<see cref="UpdateCaseAsync"/>, <see cref="UpdateAppealAsync"/>) sees the stored document and no
/// other writer of it in between (one writer at a time in the file; a row lock in the database), so a result is
/// recorded once whichever instance two commission members reach.
/// </summary>
public interface IDisabilityStore : IDisposable
{
    /// <summary>The extracts issued and their verifications (Hub/Infrastructure/Extracts), beside the cases.</summary>
    IExtractStore Extracts { get; }

    /// <summary>The case with this referral number (trimmed, upper case), or null.</summary>
    CaseDocument? FindCase(string referralNumber);

    /// <summary>A person's cases, in no particular order.</summary>
    IReadOnlyList<CaseDocument> CasesOf(string fin);

    /// <summary>The cases whose person had this ID card at referral time, in no particular order.</summary>
    IReadOnlyList<CaseDocument> CasesByIdCard(string idCardNumber);

    /// <summary>Up to <paramref name="max"/> referrals still waiting for records, oldest first.</summary>
    IReadOnlyList<string> AwaitingRecords(int max);

    /// <summary>Adds a new case; false, writing nothing, when its referral number is taken (by any instance).</summary>
    Task<bool> AddCaseAsync(CaseDocument c, CancellationToken cancellationToken);

    Task DeleteCaseAsync(string referralNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the case, lets <paramref name="change"/> change it and writes it when that returns true, all in one write
    /// no other writer of the case can interleave with. Returns the case as it now stands, or null when there is none.
    /// </summary>
    Task<CaseDocument?> UpdateCaseAsync(string referralNumber, Func<CaseDocument, bool> change, CancellationToken cancellationToken);

    /// <summary>The appeal against this referral's result, or null.</summary>
    AppealDocument? FindAppeal(string referralNumber);

    /// <summary>A citizen's appeals, in no particular order.</summary>
    IReadOnlyList<AppealDocument> AppealsOf(string fin);

    /// <summary>Appeals the central commission has not decided, in no particular order.</summary>
    IReadOnlyList<AppealDocument> PendingAppeals();

    /// <summary>Changed appeals whose extracts are not yet marked superseded.</summary>
    IReadOnlyList<AppealDocument> AppealsAwaitingSupersede();

    /// <summary>Adds an appeal; false, writing nothing, when the result was appealed already.</summary>
    Task<bool> AddAppealAsync(AppealDocument appeal, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="UpdateCaseAsync"/> for an appeal; when <paramref name="change"/> returns true and
    /// <paramref name="replacement"/> is given (a result changed on appeal), the replacement case is added and the appealed
    /// case marked superseded by it in the same write.
    /// </summary>
    Task<AppealDocument?> UpdateAppealAsync(string referralNumber, Func<AppealDocument, bool> change, CaseDocument? replacement, CancellationToken cancellationToken);

    /// <summary>Records a lookup that does not count against a card's limit (invalid input).</summary>
    Task AddLookupAsync(LookupDocument lookup, CancellationToken cancellationToken);

    /// <summary>The instants of a card's lookups that counted against its limit (answered or no match) after <paramref name="since"/>.</summary>
    IReadOnlyList<DateTimeOffset> CountedLookups(string idCardNumber, DateTimeOffset since);

    /// <summary>Lookup records since <paramref name="since"/>, oldest first (operations and tests).</summary>
    IReadOnlyList<LookupDocument> Lookups(DateTimeOffset since);

    Task AddRefusalsAsync(IReadOnlyCollection<LookupRefusalDocument> refusals, CancellationToken cancellationToken);

    /// <summary>Refusal records whose period ended after <paramref name="since"/>.</summary>
    IReadOnlyList<LookupRefusalDocument> Refusals(DateTimeOffset since);

    /// <summary>Deletes lookup and refusal records (and limit state) older than <paramref name="cutoff"/>; returns how many records went.</summary>
    Task<int> PurgeLookupsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// The lookup limits as this store shares them: in this process's memory over the file's records
    /// (<see cref="LocalLookupLimits"/>), or counted in the database by every instance at once.
    /// </summary>
    ILookupLimits CreateLookupLimits(LookupOptions options, TimeProvider time);
}
