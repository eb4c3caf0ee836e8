namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>Where the chain stands: the last record's sequence and hash (or the anchor's; sequence 0 and the genesis hash when empty).</summary>
public sealed record ChainPosition(long Sequence, string Hash);

/// <summary>What a retention purge leaves: the sequence, hash and time of the last record it removed.</summary>
public sealed record ChainAnchor(long Sequence, string Hash, DateTimeOffset Time);

/// <summary>A walk of the chain: its verification, and the stored hashes of the records asked for (those the walk met).</summary>
public sealed record ChainWalk(AuditVerification Verification, IReadOnlyDictionary<long, string> Hashes);

/// <summary>
/// What the checkpoints and their verification read of one audit chain (segment), whatever stores it: the
/// checkpoint logic is written against this, not against the storage.
/// </summary>
public interface IAuditChainReader
{
    /// <summary>
    /// Walks the chain from the anchor (or the genesis), names the first record that does not fit, and collects the
    /// stored hashes of the records numbered in <paramref name="hashesOf"/> on the way (one pass for every checkpoint).
    /// </summary>
    ChainWalk Walk(IReadOnlySet<long> hashesOf);

    /// <summary>The last record, or the anchor when every record was purged, or the genesis.</summary>
    ChainPosition Head { get; }

    ChainAnchor? Anchor { get; }

    /// <summary>The hash of the record with this sequence, or null when there is none.</summary>
    string? HashAt(long sequence);
}

/// <summary>The chain as the hub's checkpointer sees it: what it reads, and the head it may sign.</summary>
public interface IAuditChain : IAuditChainReader
{
    /// <summary>The segment (hub instance) this chain belongs to; empty for the single-instance default.</summary>
    string Segment { get; }

    /// <summary>Changes with every append, so an idle interval is skipped without touching the disk.</summary>
    long Appended { get; }

    /// <summary>
    /// The head such that every record up to it is on disk: a checkpoint must never vouch for a record a crash
    /// could still take away (it would then read as a truncation).
    /// </summary>
    Task<ChainPosition> DurableHeadAsync(CancellationToken cancellationToken);
}

public static class AuditChainExtensions
{
    /// <summary>Walks the chain from the anchor (or the genesis) and names the first record that does not fit.</summary>
    public static AuditVerification Verify(this IAuditChainReader chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.Walk(new HashSet<long>()).Verification;
    }
}
