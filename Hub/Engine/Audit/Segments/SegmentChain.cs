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
        var expected = anchor is null ? 1 : anchor.Sequence + 1;
        var previous = anchor?.Hash ?? AuditRecord.Genesis;
        long verified = 0;
        long? firstBroken = null;
        string? message = null;
        var hashes = new Dictionary<long, string>();
        var chunks = SegmentFiles.Chunks(directory);
        if (limit is { } l) chunks = chunks.TakeWhile(c => string.CompareOrdinal(c, l.Chunk) <= 0).ToList();

        void Broken(long sequence, string problem)
        {
            if (firstBroken is not null) return;
            firstBroken = sequence;
            message = $"Record {sequence}: {problem}.";
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var lineNumber = 0;
            var (_, torn) = SegmentFiles.ReadLines(chunk, 0, limit is { } lim && lim.Chunk == chunk ? lim.Length : null, (line, at) =>
            {
                lineNumber++;
                if (!AuditLine.TryRead(line, out var record, out var hashMatches, out var error))
                {
                    Broken(expected, $"line {lineNumber} of {Path.GetFileName(chunk)} is not an audit record ({error}): the file was edited");
                    return true;
                }
                if (hashesOf.Contains(record.Id)) hashes.TryAdd(record.Id, record.Hash);
                if (firstBroken is not null) return true;
                // Left by a purge interrupted before it deleted the chunk: older than the anchor, not part of the chain.
                if (anchor is not null && record.Id <= anchor.Sequence && verified == 0) return true;
                if (record.Id != expected) Broken(record.Id, $"sequence {record.Id} where {expected} was expected: records are missing");
                else if (record.PreviousHash != previous) Broken(record.Id, "its previous hash does not match the record before it");
                else if (!hashMatches) Broken(record.Id, "its content does not match its hash: the record was changed");
                else
                {
                    previous = record.Hash;
                    expected++;
                    verified++;
                }
                return true;
            });
            // Only the newest chunk's end may be cut short (by a crash, before its group was acknowledged).
            if (torn > 0 && i < chunks.Count - 1) Broken(expected, $"{Path.GetFileName(chunk)} ends in the middle of a line: the file was cut");
        }
        var verification = firstBroken is null
            ? new AuditVerification(true, verified, null, $"{verified} records verified; the chain is intact.", anchor?.Sequence)
            : new AuditVerification(false, verified, firstBroken, message!, anchor?.Sequence);
        return new ChainWalk(verification, hashes);
    }
}
