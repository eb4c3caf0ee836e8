namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// The chain of a segment directory read as it lies on disk, by a verifier (the <c>audit verify</c> command, while the
/// hub is stopped) or by the live store up to its durable end. Never writes: a last line cut short by a crash is not
/// a record (it was never acknowledged) and is left alone.
/// </summary>
public sealed class SegmentChain(string directory) : IAuditChainReader
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public ChainAnchor? Anchor => SegmentFiles.ReadAnchor(Directory);

    public ChainPosition Head
    {
        get
        {
            var chunks = SegmentFiles.Chunks(Directory);
            for (var i = chunks.Count - 1; i >= 0; i--)
            {
                if (LastRecord(chunks[i]) is { } last) return new ChainPosition(last.Id, last.Hash);
            }
            return Anchor is { } anchor ? new ChainPosition(anchor.Sequence, anchor.Hash) : new ChainPosition(0, AuditRecord.Genesis);
        }
    }

    public ChainWalk Walk(IReadOnlySet<long> hashesOf) => Walk(Directory, Anchor, hashesOf, limit: null);

    public string? HashAt(long sequence) => Walk(new HashSet<long> { sequence }).Hashes.GetValueOrDefault(sequence);

    /// <summary>The last readable record of a chunk, or null when it holds none.</summary>
    public static AuditRecord? LastRecord(string chunk)
    {
        AuditRecord? found = null;
        SegmentFiles.LastLine(chunk, line =>
        {
            if (!AuditLine.TryRead(line, out var record, out _, out _)) return false;
            found = record;
            return true;
        });
        return found;
    }

    /// <summary>
    /// Walks every chunk of <paramref name="directory"/> in order (the last one up to <paramref name="limit"/>: its
    /// path and the length known durable), checking sequence, previous hash and hash from the anchor on.
    /// </summary>
    public static ChainWalk Walk(string directory, ChainAnchor? anchor, IReadOnlySet<long> hashesOf, (string Chunk, long Length)? limit)
    {
        ArgumentNullException.ThrowIfNull(hashesOf);
        var walker = new ChainWalker(anchor, hashesOf);
        var chunks = SegmentFiles.Chunks(directory);
        if (limit is { } l) chunks = chunks.TakeWhile(c => string.CompareOrdinal(c, l.Chunk) <= 0).ToList();

        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var lineNumber = 0;
            var (_, torn) = SegmentFiles.ReadLines(chunk, 0, limit is { } lim && lim.Chunk == chunk ? lim.Length : null, (line, at) =>
            {
                lineNumber++;
                if (!AuditLine.TryRead(line, out var record, out var hashMatches, out var error))
                {
                    walker.Broken(walker.Expected, $"line {lineNumber} of {Path.GetFileName(chunk)} is not an audit record ({error}): the file was edited");
                    return true;
                }
                walker.Saw(record.Id, record.Hash);
                if (walker.IsBroken) return true;
                // Left by a purge interrupted before it deleted the chunk: older than the anchor, not part of the chain.
                if (anchor is not null && record.Id <= anchor.Sequence && walker.Verified == 0) return true;
                walker.Check(record.Id, record.PreviousHash, record.Hash, hashMatches);
                return true;
            });
            // Only the newest chunk's end may be cut short (by a crash, before its group was acknowledged).
            if (torn > 0 && i < chunks.Count - 1) walker.Broken(walker.Expected, $"{Path.GetFileName(chunk)} ends in the middle of a line: the file was cut");
        }
        return walker.Result();
    }
}
