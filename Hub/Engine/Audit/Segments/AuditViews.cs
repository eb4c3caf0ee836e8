using LiteDB;

namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// The searchable views of one segment (by subject, caller, purpose, time; the citizen's view), in a LiteDB file
/// derived from the segment's lines and never the record of truth: not fsynced (what a crash takes back is indexed
/// again from the segment), emptied and rebuilt when it does not agree with the segment, deleted and rebuilt when
/// it does not open. Each view entry keeps its record's line, so a search answers with the bytes that were hashed.
/// </summary>
internal sealed partial class AuditViews : IDisposable
{
    private const string RecordsCollection = "records";
    private const string StateCollection = "state";
    private const string StateId = "indexed";
    private const int Batch = 2000;

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _records;
    private readonly ILiteCollection<BsonDocument> _state;
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private long _indexedThrough;
    private (string Chunk, long Offset)? _cursor;

    public AuditViews(string path, ILogger logger)
    {
        _logger = logger;
        try
        {
            _db = Open(path);
        }
        catch (LiteException e)
        {
            // Derived data: a file that does not open is rebuilt from the segment, not repaired.
            LogViewsRebuilt(_logger, e, path);
            Delete(path);
            _db = Open(path);
        }
        _records = _db.GetCollection(RecordsCollection);
        _state = _db.GetCollection(StateCollection);
        _indexedThrough = _state.FindById(StateId)?["Sequence"].AsInt64 ?? 0;
    }

    private static LiteDatabase Open(string path)
    {
        var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        try
        {
            // Every collection and index exists from the open on (LiteDB 5.0.21 breaks on a collection created while read).
            var records = db.GetCollection(RecordsCollection);
            records.EnsureIndex("Subjects", "$.Subjects[*]");
            records.EnsureIndex("Ticks", "$.Ticks");
            var state = db.GetCollection(StateCollection);
            if (state.FindById(StateId) is null) state.Insert(new BsonDocument { ["_id"] = StateId, ["Sequence"] = 0L });
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(Path.ChangeExtension(path, null) + "-log" + Path.GetExtension(path));
    }

    /// <summary>The newest sequence the views hold every record up to.</summary>
    public long IndexedThrough => Volatile.Read(ref _indexedThrough);

    /// <summary>
    /// Before the store is shared: drops what the segment no longer has (purged below the anchor, or beyond its head)
    /// and empties the views when their newest entry is not the segment's record of that number.
    /// </summary>
    public void Reconcile(ChainAnchor? anchor, ChainPosition head, Func<long, string?> hashAt)
    {
        lock (_lock)
        {
            if (anchor is not null) _records.DeleteMany(Query.LTE("_id", anchor.Sequence));
            if (_indexedThrough > head.Sequence) _records.DeleteMany(Query.GT("_id", head.Sequence));
            var through = Math.Min(_indexedThrough, head.Sequence);
            var newest = _records.FindById(through);
            var agrees = through == 0 || (anchor is not null && through <= anchor.Sequence) || (newest is not null && newest["Hash"].AsString == hashAt(through));
            if (!agrees)
            {
                LogViewsDisagree(_logger, through);
                _records.DeleteAll();
                through = 0;
            }
            if (anchor is not null && through < anchor.Sequence) through = anchor.Sequence;
            SetIndexedThrough(through);
            _cursor = null;
        }
    }

    /// <summary>Drops the entries of records a purge removed.</summary>
    public void DeleteThrough(long sequence)
    {
        lock (_lock)
        {
            DropThrough(sequence);
        }
    }

    private void DropThrough(long sequence)
    {
        _records.DeleteMany(Query.LTE("_id", sequence));
        if (_indexedThrough < sequence) SetIndexedThrough(sequence);
        _cursor = null;
    }

    /// <summary>
    /// Indexes the segment's records after <see cref="IndexedThrough"/> up to <paramref name="durable"/> (the newest
    /// durable record and where the segment's durable bytes end), in transactions of up to 2,000 records. Records at
    /// or below <paramref name="anchor"/> were purged: their entries are dropped, not looked for (a purge deletes its
    /// chunk before it tells the views, so a catch-up can come between the two). Throws
    /// <see cref="InvalidDataException"/> when no chunk is left to read the durable records from (the segment's files
    /// were removed while the store runs).
    /// </summary>
    public void CatchUp(string directory, DurablePoint durable, ChainAnchor? anchor)
    {
        if (IndexedThrough >= durable.Sequence) return;
        lock (_lock)
        {
            if (anchor is not null && _indexedThrough < anchor.Sequence) DropThrough(anchor.Sequence);
            if (_indexedThrough >= durable.Sequence) return;
            var chunks = SegmentFiles.Chunks(directory).Where(c => string.CompareOrdinal(c, durable.Chunk) <= 0).ToList();
            if (chunks.Count == 0)
            {
                throw new InvalidDataException(
                    $"The audit segment {directory} has no chunk file up to {Path.GetFileName(durable.Chunk)}, which holds its durable records up to {durable.Sequence}: its files were removed while the store runs (the views hold records up to {_indexedThrough}).");
            }
            if (_cursor is not { } cursor || !File.Exists(cursor.Chunk))
            {
                // The chunk created for the next record, or the last one created before it; read from its start.
                var next = _indexedThrough + 1;
                var start = chunks.FindLastIndex(c => SegmentFiles.NamedSequence(c) <= next);
                cursor = (chunks[Math.Max(start, 0)], 0);
            }
            var pending = new List<BsonDocument>(Batch);
            foreach (var chunk in chunks.SkipWhile(c => c != cursor.Chunk))
            {
                var from = chunk == cursor.Chunk ? cursor.Offset : 0;
                var (end, _) = SegmentFiles.ReadLines(chunk, from, chunk == durable.Chunk ? durable.Length : null, (line, at) =>
                {
                    if (!AuditLine.TryRead(line, out var record, out _, out _) || record.Id <= _indexedThrough) return true;
                    pending.Add(Document(record, line));
                    if (pending.Count == Batch) Flush(pending);
                    return record.Id < durable.Sequence;
                });
                Flush(pending);
                cursor = (chunk, end);
                if (_indexedThrough >= durable.Sequence) break;
            }
            _cursor = cursor;
        }
    }

    private void Flush(List<BsonDocument> pending)
    {
        if (pending.Count == 0) return;
        _db.BeginTrans();
        try
        {
            // Upsert: an entry a crash left behind the state's count is replaced, not doubled.
            _records.Upsert(pending);
            _state.Update(new BsonDocument { ["_id"] = StateId, ["Sequence"] = pending[^1]["_id"].AsInt64 });
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
        Volatile.Write(ref _indexedThrough, pending[^1]["_id"].AsInt64);
        pending.Clear();
    }

    private void SetIndexedThrough(long sequence)
    {
        _state.Update(new BsonDocument { ["_id"] = StateId, ["Sequence"] = sequence });
        Volatile.Write(ref _indexedThrough, sequence);
    }

    private static BsonDocument Document(AuditRecord record, ReadOnlySpan<byte> line) => new()
    {
        ["_id"] = record.Id,
        ["Ticks"] = record.Time.UtcTicks,
        ["Caller"] = record.Caller,
        ["Purpose"] = record.Purpose,
        ["Outcome"] = record.Outcome,
        ["Replay"] = record.ReplayOf is not null,
        ["Subjects"] = new BsonArray(record.Subjects.Select(s => new BsonValue(s))),
        ["Hash"] = record.Hash,
        ["Line"] = line.ToArray(),
    };

    /// <summary>Records matching every filter given, newest first.</summary>
    public AuditPage Find(AuditFilter filter, int page, int pageSize)
    {
        var query = _records.Query();
        if (filter.Caller is { } caller) query = query.Where("$.Caller = @0", caller);
        if (filter.Purpose is { } purpose) query = query.Where("$.Purpose = @0", purpose);
        if (filter.From is { } from) query = query.Where("$.Ticks >= @0", from.UtcTicks);
        if (filter.To is { } to) query = query.Where("$.Ticks < @0", to.UtcTicks);
        if (filter.Subject is { } subject) query = query.Where("$.Subjects[*] ANY = @0", subject);
        var total = query.Count();
        var items = query.OrderByDescending("_id").Skip((page - 1) * pageSize).Limit(pageSize).ToList().Select(Record).ToList();
        return new AuditPage(page, pageSize, total, items);
    }

    public IReadOnlyList<AuditRecord> ProfilesReturnedAbout(string fin, int limit) =>
        _records.Query()
            .Where("$.Subjects[*] ANY = @0", fin)
            .Where("$.Outcome = @0", AuditRecord.Ok)
            .Where("$.Replay = false")
            .OrderByDescending("_id")
            .Limit(limit)
            .ToList()
            .Select(Record)
            .ToList();

    private static AuditRecord Record(BsonDocument document) =>
        AuditLine.TryRead(document["Line"].AsBinary, out var record, out _, out var error)
            ? record
            : throw new InvalidDataException($"The audit views hold an unreadable entry {document["_id"]} ({error}): delete views.db to rebuild them.");

    public void Dispose() => _db.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit views {Path} did not open; they are rebuilt from the segment")]
    private static partial void LogViewsRebuilt(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit views do not agree with the segment at record {Sequence}; they are rebuilt from the segment")]
    private static partial void LogViewsDisagree(ILogger logger, long sequence);
}

/// <summary>The newest durable record of a segment and where its durable bytes end (the chunk being written, and its length).</summary>
public sealed record DurablePoint(long Sequence, string Hash, DateTimeOffset? Time, string Chunk, long Length);
