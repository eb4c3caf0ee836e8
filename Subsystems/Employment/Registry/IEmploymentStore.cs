using IntegrationHub.Extracts.Storage;

namespace IntegrationHub.Employment.Registry;

/// <summary>A notification's key already used by an employer: what it was for and what it gave.</summary>
/// <param name="Id">The employer's VÖEN and the key (<c>voen|key</c>; a file's: <c>bulk|voen|key</c>).</param>
/// <param name="ContentHash">SHA-256 of what was sent, so the same key with other content is refused.</param>
/// <param name="Result">The notification's number and its contract's (<c>EMN-…|EM-…</c>), or the file's number.</param>
public sealed record IdempotencyRecord(string Id, string ContentHash, string Result, DateTimeOffset At);

/// <summary>A change for the life-events flow: a contract started or ended, for one person. Nothing else about them.</summary>
public sealed record ContractEvent(string Fin, string Kind, DateOnly Date);

/// <summary>The events one write produced, published together once it is on disk.</summary>
public sealed record PendingEvents(Guid Id, IReadOnlyList<ContractEvent> Events);

/// <summary>
/// What one durable write of the registry may read and change: the registry's state as of this write (earlier writes
/// included, in order), numbers from its sequences, and the events to publish once it is on disk. Everything done
/// through it commits together or not at all. A write may be run again from the start (after its group's rollback),
/// so it must decide from what it reads here, never from what it saw before.
/// </summary>
public interface IRegistryTransaction
{
    ContractRecord? FindContract(string number);

    /// <summary>The employee's contracts with one employer.</summary>
    IReadOnlyList<ContractRecord> ContractsOf(string employerVoen, string fin);

    IdempotencyRecord? FindIdempotency(string id);

    /// <summary>The next value of a sequence (from 1), e.g. the notifications of a year.</summary>
    long Next(string sequence);

    void Insert(ContractRecord contract);

    void Update(ContractRecord contract);

    void Remember(IdempotencyRecord record);

    /// <summary>Queues an event in the outbox of this write.</summary>
    void Publish(ContractEvent change);

    void Save(BulkJob job);

    void Save(BulkChunk chunk);
}

/// <summary>
/// The employment registry's durable state: contracts, keys used, the events outbox, bulk files and the certificates'
/// extracts. Writes are durable before they complete. No type of a particular database in this interface.
/// </summary>
public interface IEmploymentStore : IDisposable
{
    /// <summary>Runs <paramref name="work"/> as one durable write (group commit) and returns what it returned once on disk.</summary>
    Task<T> TransactAsync<T>(Func<IRegistryTransaction, T> work, CancellationToken cancellationToken);

    ContractRecord? FindContract(string number);

    IdempotencyRecord? FindIdempotency(string id);

    /// <summary>Every contract of a person, with any employer.</summary>
    IReadOnlyList<ContractRecord> ContractsOfEmployee(string fin);

    /// <summary>The employee's contracts with one employer.</summary>
    IReadOnlyList<ContractRecord> ContractsOf(string employerVoen, string fin);

    /// <summary>An employer's contracts by number, those in force on <paramref name="inForceOn"/> only when given; one page and the total.</summary>
    (IReadOnlyList<ContractRecord> Page, int Total) ContractsOfEmployer(string employerVoen, DateOnly? inForceOn, int skip, int take);

    /// <summary>Writes whose events are not yet published, oldest first.</summary>
    IReadOnlyList<PendingEvents> UnpublishedEvents(int max);

    Task MarkPublishedAsync(IReadOnlyList<Guid> ids, DateTimeOffset at, CancellationToken cancellationToken);

    BulkJob? FindBulk(string number);

    /// <summary>Files not yet worked to the end, oldest first.</summary>
    IReadOnlyList<BulkJob> UnfinishedBulks();

    BulkChunk? FindChunk(string bulkNumber, int index);

    /// <summary>The certificates issued and their verifications (the shared extract mechanism).</summary>
    IExtractStore Extracts { get; }
}
