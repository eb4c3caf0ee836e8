using LiteDB;

namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// The audit log of earlier versions: a LiteDB file (<c>audit.db</c>, records in <c>records</c>, the anchor in
/// <c>chain</c>). Read only: imported into the segment at the hub's first start (<see cref="Import"/>), and verified
/// as it is by the <c>audit verify</c> command while it has not been imported yet (<see cref="Open"/>). Records keep
/// their sequence and hash, so the signed checkpoints written before the import still verify after it.
/// </summary>
public sealed class LegacyAuditFile : IAuditChainReader, IDisposable
{
    private const string RecordsCollection = "records";
    private const string ChainCollection = "chain";
    private const string AnchorId = "anchor";

    private readonly LiteDatabase _db;

    private LegacyAuditFile(string path) =>
        _db = new LiteDatabase(new ConnectionString { Filename = path, ReadOnly = true }, DurableStore.CreateMapper());

    public static LegacyAuditFile Open(string path) => new(path);

    private ILiteCollection<AuditRecord> Records => _db.GetCollection<AuditRecord>(RecordsCollection);

    public ChainAnchor? Anchor
    {
        get
        {
            if (!_db.CollectionExists(ChainCollection)) return null;
            var anchor = _db.GetCollection(ChainCollection).FindById(AnchorId);
            return anchor is null
                ? null
                : new ChainAnchor(anchor["Sequence"].AsInt64, anchor["Hash"].AsString, new DateTimeOffset(anchor["Time"].AsDateTime.ToUniversalTime()));
        }
    }

    public ChainPosition Head
    {
        get
        {
            var last = _db.CollectionExists(RecordsCollection) ? Records.Find(Query.All(Query.Descending), skip: 0, limit: 1).FirstOrDefault() : null;
            if (last is not null) return new ChainPosition(last.Id, last.Hash);
            return Anchor is { } anchor ? new ChainPosition(anchor.Sequence, anchor.Hash) : new ChainPosition(0, AuditRecord.Genesis);
        }
    }

    public string? HashAt(long sequence) => _db.CollectionExists(RecordsCollection) ? Records.FindById(sequence)?.Hash : null;

    /// <summary>Every record, oldest first.</summary>
    public IEnumerable<AuditRecord> All() => _db.CollectionExists(RecordsCollection) ? Records.Query().OrderBy("_id").ToEnumerable() : [];

    public ChainWalk Walk(IReadOnlySet<long> hashesOf)
    {
        ArgumentNullException.ThrowIfNull(hashesOf);
        var anchor = Anchor;
        var expected = anchor is null ? 1 : anchor.Sequence + 1;
        var previous = anchor?.Hash ?? AuditRecord.Genesis;
        long count = 0;
        AuditVerification? broken = null;
        var hashes = new Dictionary<long, string>();
        foreach (var record in All())
        {
            if (hashesOf.Contains(record.Id)) hashes[record.Id] = record.Hash;
            if (broken is not null) continue;
            string? problem = null;
            if (record.Id != expected) problem = $"sequence {record.Id} where {expected} was expected: records are missing";
            else if (record.PreviousHash != previous) problem = "its previous hash does not match the record before it";
            else if (record.ComputeHash() != record.Hash) problem = "its content does not match its hash: the record was changed";
            if (problem is not null)
            {
                broken = new AuditVerification(false, count, record.Id, $"Record {record.Id}: {problem}.", anchor?.Sequence);
                continue;
            }
            previous = record.Hash;
            expected++;
            count++;
        }
        return new ChainWalk(broken ?? new AuditVerification(true, count, null, $"{count} records verified; the chain is intact.", anchor?.Sequence), hashes);
    }

    /// <summary>
    /// Writes the legacy file's records, as they are (a changed record stays changed: its stored hash is kept), and
    /// its anchor into the empty segment <paramref name="directory"/>, in chunks as the store would have written them.
    /// Crash-safe: <c>import.pending</c> marks an import under way, and an interrupted one is started again.
    /// </summary>
    public static long Import(string legacyPath, string directory, long chunkBytes)
    {
        var marker = Path.Combine(directory, "import.pending");
        File.WriteAllBytes(marker, []);
        SegmentFiles.SyncDirectory(directory);
        long imported = 0;
        using (var legacy = Open(legacyPath))
        {
            if (legacy.Anchor is { } anchor) SegmentFiles.WriteAnchor(directory, anchor);
            FileStream? chunk = null;
            DateOnly? day = null;
            try
            {
                foreach (var record in legacy.All())
                {
                    var recordDay = DateOnly.FromDateTime(record.Time.UtcDateTime);
                    if (chunk is null || day != recordDay || chunk.Length >= chunkBytes)
                    {
                        Close(chunk);
                        chunk = new FileStream(Path.Combine(directory, SegmentFiles.ChunkName(record.Id)), FileMode.Create, FileAccess.Write, FileShare.None);
                        day = recordDay;
                    }
                    chunk.Write(AuditLine.Copy(record));
                    imported++;
                }
            }
            finally
            {
                Close(chunk);
            }
        }
        SegmentFiles.SyncDirectory(directory);
        File.Delete(marker);
        SegmentFiles.SyncDirectory(directory);
        return imported;

        static void Close(FileStream? file)
        {
            if (file is null) return;
            file.Flush(flushToDisk: true);
            file.Dispose();
        }
    }

    /// <summary>True when an import into <paramref name="directory"/> was interrupted (its chunks are then incomplete).</summary>
    public static bool ImportInterrupted(string directory) => File.Exists(Path.Combine(directory, "import.pending"));

    /// <summary>Moves the imported file (and its LiteDB log) aside as <c>*.imported</c>, kept for the record.</summary>
    public static void SetAside(string legacyPath)
    {
        foreach (var path in new[] { legacyPath, Path.ChangeExtension(legacyPath, null) + "-log" + Path.GetExtension(legacyPath) })
        {
            if (File.Exists(path)) File.Move(path, path + ".imported", overwrite: true);
        }
    }

    public void Dispose() => _db.Dispose();
}
