namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// The audit log as the engine uses it, whatever keeps it. A provider keeps this instance's chain (its segment,
/// <see cref="IAuditChain"/>) as the record of truth, appends to it in groups made durable before any append of
/// the group completes, and serves the searchable views (<see cref="Find"/>, <see cref="ProfilesReturnedAbout"/>)
/// derived from the records. The embedded default is <see cref="Segments.AuditSegmentStore"/> (an append-only
/// file of hashed records, views in a file derived from it). A shared provider (one table, a segment per
/// instance) answers the views across every segment it holds; its chain is still this instance's segment.
/// No storage type appears here.
/// </summary>
public interface IAuditStore : IAuditChain, IDisposable
{
    /// <summary>
    /// Appends the record to this instance's chain (sequence, time and hashes are the store's); completes once it,
    /// and the chain up to it, is durable. Throws when it could not be made durable: then nothing may be returned.
    /// </summary>
    Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Records matching every filter given, newest first, with the total; current up to the last durable append.</summary>
    AuditPage Find(AuditFilter filter, int page, int pageSize);

    /// <summary>
    /// The records in which <paramref name="fin"/> is a subject and a profile was returned, newest first; a replay
    /// (the same answer sent again for the same request) is the same access and is not listed twice.
    /// </summary>
    IReadOnlyList<AuditRecord> ProfilesReturnedAbout(string fin, int limit);

    /// <summary>Records held (within retention), for the dashboard's audit volume.</summary>
    long Count();

    /// <summary>
    /// Removes the records older than <paramref name="cutoff"/> (a prefix of the chain) and leaves an anchor (the last
    /// one removed) the rest chains to. Before each slice goes, <paramref name="beforeDelete"/> is told the anchor it
    /// will leave (the checkpointer signs it), so an anchor nobody vouched for is a forgery, not a purge. Returns how
    /// many records went.
    /// </summary>
    Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, Func<ChainAnchor, CancellationToken, Task> beforeDelete, CancellationToken cancellationToken = default);

    /// <summary>Append groups made durable and records written since start; records ÷ groups is the batching achieved.</summary>
    (long Groups, long Records) Counters { get; }

    /// <summary>
    /// The other instances' segments this store holds, each with its checkpoints, for a verify that walks every
    /// segment (<see cref="AuditVerifier.VerifyAll"/>); none for the embedded store, which holds its own only.
    /// </summary>
    IReadOnlyList<AuditSegmentLog> OtherSegments() => [];
}

/// <summary>One segment (hub instance) of a shared audit: its chain and its signed checkpoints.</summary>
public sealed record AuditSegmentLog(string Segment, IAuditChainReader Chain, IAuditCheckpointLog Checkpoints);

/// <summary>One segment's part of a verification that walked every segment.</summary>
public sealed record SegmentVerification(string Segment, bool Intact, long Verified, long Head, string Message);

/// <param name="Intact">True when every record chains to the one before and matches its hash.</param>
/// <param name="Verified">Records verified before the first broken one (all of them when intact).</param>
/// <param name="FirstBroken">Sequence number of the first record that does not fit.</param>
/// <param name="AnchoredAt">Sequence of the last purged record the chain starts from, if records were purged.</param>
/// <param name="Head">The last record's sequence (the anchor's when none is left).</param>
/// <param name="Anchor">The anchor the chain starts from, if records were purged.</param>
/// <param name="LastCheckpoint">The newest signed checkpoint of the head.</param>
/// <param name="Checkpoints">Signed checkpoints read (of the head and of purges).</param>
/// <param name="Problems">Everything found wrong, the first one also in <paramref name="Message"/>.</param>
/// <param name="Segments">With a shared store, every segment verified (this instance's first); null for the embedded store.</param>
public sealed record AuditVerification(
    bool Intact,
    long Verified,
    long? FirstBroken,
    string Message,
    long? AnchoredAt,
    long? Head = null,
    ChainAnchor? Anchor = null,
    AuditCheckpoint? LastCheckpoint = null,
    int Checkpoints = 0,
    IReadOnlyList<string>? Problems = null,
    IReadOnlyList<SegmentVerification>? Segments = null);

public sealed record AuditFilter(string? Caller = null, string? Purpose = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Subject = null);

public sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditRecord> Items);
