using LiteDB;

namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// The searchable views of one segment (by subject, caller, purpose, time; the citizen's view), in a LiteDB file
/// derived from the segment's lines and never the record of truth: not fsynced (what a crash takes back is indexed
/// again from the segment), emptied and rebuilt when it does not agree with the segment, deleted and rebuilt when
/// it does not open or is of an earlier format. An entry holds only what the searches filter on and where its
/// record's line is in the segment (chunk, offset, length), not the line: a search reads the line from the segment
/// and answers with it only when it is still the record indexed and its bytes are the ones its hash covers, so a
/// search answers with the bytes that were hashed and names a line changed since.
/// </summary>
internal sealed partial class AuditViews : IDisposable
{
    private const string EntriesCollection = "entries";
    private const string StateCollection = "state";
    private const string StateId = "indexed";
    private const int Format = 2;
    private const int Batch = 4000;

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _entries;
    private readonly ILiteCollection<BsonDocument> _state;
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly string _directory;
    private long _indexedThrough;
    private (string Chunk, long Offset)? _cursor;

    /// <param name="path">The views' file.</param>
    /// <param name="directory">The segment's directory, whose chunks the entries point into.</param>
    public AuditViews(string path, string directory, ILogger logger)
    {
        _logger = logger;
        _directory = directory;
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
        catch (FormatException)
        {
            LogViewsOfEarlierFormat(_logger, path);
            Delete(path);
            _db = Open(path);
        }
        _entries = _db.GetCollection(EntriesCollection);
        _state = _db.GetCollection(StateCollection);
        _indexedThrough = _state.FindById(StateId)["Sequence"].AsInt64;
    }

    private static LiteDatabase Open(string path)
    {
        var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        try
        {
            // Every collection and index exists from the open on (LiteDB 5.0.21 breaks on a collection created while read).
            var state = db.GetCollection(StateCollection);
            if (state.FindById(StateId) is { } indexed)
            {
                // A file of an earlier format (entries with their lines copied in) is rebuilt, not converted.
                if (!indexed.TryGetValue("Format", out var format) || !format.IsInt32 || format.AsInt32 != Format) throw new FormatException("views of an earlier format");
            }
            else
            {
                state.Insert(new BsonDocument { ["_id"] = StateId, ["Sequence"] = 0L, ["Format"] = Format });
            }
            var entries = db.GetCollection(EntriesCollection);
            entries.EnsureIndex("S", "$.S[*]");
            entries.EnsureIndex("T", "$.T");
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
    /// and entries past the views' own count (a crash's), and empties the views when their newest entry is not the
    /// segment's record of that number where the entry says it is.
    /// </summary>
    public void Reconcile(ChainAnchor? anchor, ChainPosition head, Func<long, string?> hashAt)
    {
        lock (_lock)
        {
            if (anchor is not null) _entries.DeleteMany(Query.LTE("_id", anchor.Sequence));
            // Inserts are plain inserts: entries a crash left past the count the views committed go here, once.
            _entries.DeleteMany(Query.GT("_id", Math.Min(_indexedThrough, head.Sequence)));
            var through = Math.Min(_indexedThrough, head.Sequence);
            var newest = _entries.FindById(through);
            var agrees = through == 0 || (anchor is not null && through <= anchor.Sequence)
                || (newest is not null && Hash(newest) == hashAt(through) && Read(newest, null, out _) is not null);
            if (!agrees)
            {
                LogViewsDisagree(_logger, through);
                _entries.DeleteAll();
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
        _entries.DeleteMany(Query.LTE("_id", sequence));
        if (_indexedThrough < sequence) SetIndexedThrough(sequence);
        _cursor = null;
    }

    /// <summary>
    /// Indexes the segment's records after <see cref="IndexedThrough"/> up to <paramref name="durable"/> (the newest
    /// durable record and where the segment's durable bytes end), in transactions of up to 4,000 records. Records at
    /// or below <paramref name="anchor"/> were purged: their entries are dropped, not looked for (a purge deletes its
    /// chunk before it tells the views, so a catch-up can come between the two). Throws
    /// <see cref="InvalidDataException"/> when no chunk is left to read the durable records from (the segment's files
    /// were removed while the store runs).
    /// </summary>
    public void CatchUp(DurablePoint durable, ChainAnchor? anchor)
    {
        if (IndexedThrough >= durable.Sequence) return;
        lock (_lock)
        {
            if (anchor is not null && _indexedThrough < anchor.Sequence) DropThrough(anchor.Sequence);
            if (_indexedThrough >= durable.Sequence) return;
            var chunks = SegmentFiles.Chunks(_directory).Where(c => string.CompareOrdinal(c, durable.Chunk) <= 0).ToList();
            if (chunks.Count == 0)
            {
                throw new InvalidDataException(
                    $"The audit segment {_directory} has no chunk file up to {Path.GetFileName(durable.Chunk)}, which holds its durable records up to {durable.Sequence}: its files were removed while the store runs (the views hold records up to {_indexedThrough}).");
            }
            if (_cursor is not { } cursor || !File.Exists(cursor.Chunk))
            {
                // The chunk created for the next record, or the last one created before it; read from its start.
                var next = _indexedThrough + 1;
                var start = chunks.FindLastIndex(c => SegmentFiles.NamedSequence(c) <= next);
                cursor = (chunks[Math.Max(start, 0)], 0);
            }
            var pending = new List<BsonDocument>(Math.Min(Batch, (int)Math.Min(int.MaxValue, durable.Sequence - _indexedThrough)));
            foreach (var chunk in chunks.SkipWhile(c => c != cursor.Chunk))
            {
                var from = chunk == cursor.Chunk ? cursor.Offset : 0;
                var named = SegmentFiles.NamedSequence(chunk);
                var (end, _) = SegmentFiles.ReadLines(chunk, from, chunk == durable.Chunk ? durable.Length : null, (line, at) =>
                {
                    if (!AuditLine.TryReadIndexed(line, out var record) || record.Id <= _indexedThrough) return true;
                    pending.Add(Entry(record, named, at, line.Length));
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
            // Plain inserts: every entry is past the views' count (what a crash left past it went at the open).
            _entries.Insert(pending);
            _state.Update(new BsonDocument { ["_id"] = StateId, ["Sequence"] = pending[^1]["_id"].AsInt64, ["Format"] = Format });
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
        _state.Update(new BsonDocument { ["_id"] = StateId, ["Sequence"] = sequence, ["Format"] = Format });
        Volatile.Write(ref _indexedThrough, sequence);
    }

    /// <summary>
    /// The entry: the fields the searches filter on (time, caller, purpose, subjects, and whether a profile was
    /// returned for the first time), the record's hash, and where its line is (the chunk's named sequence, the line's
    /// offset and length without its newline).
    /// </summary>
    private static BsonDocument Entry(IndexedRecord record, long chunk, long offset, int length)
    {
        var subjects = new BsonArray(record.Subjects.Count);
        foreach (var subject in record.Subjects) subjects.Add(subject);
        return new BsonDocument
        {
            ["_id"] = record.Id,
            ["T"] = record.Ticks,
            ["C"] = record.Caller,
            ["P"] = record.Purpose,
            ["R"] = record.Returned,
            ["S"] = subjects,
            ["H"] = record.Hash,
            ["K"] = chunk,
            ["O"] = offset,
            ["L"] = length,
        };
    }

    private static string Hash(BsonDocument entry) => Convert.ToHexStringLower(entry["H"].AsBinary);

    /// <summary>Records matching every filter given, newest first.</summary>
    public AuditPage Find(AuditFilter filter, int page, int pageSize, Func<ChainAnchor?> anchor)
    {
        var query = _entries.Query();
        if (filter.Caller is { } caller) query = query.Where("$.C = @0", caller);
        if (filter.Purpose is { } purpose) query = query.Where("$.P = @0", purpose);
        if (filter.From is { } from) query = query.Where("$.T >= @0", from.UtcTicks);
        if (filter.To is { } to) query = query.Where("$.T < @0", to.UtcTicks);
        if (filter.Subject is { } subject) query = query.Where("$.S[*] ANY = @0", subject);
        var total = query.Count();
        var entries = query.OrderByDescending("_id").Skip((page - 1) * pageSize).Limit(pageSize).ToList();
        return new AuditPage(page, pageSize, total, Records(entries, anchor));
    }

    public IReadOnlyList<AuditRecord> ProfilesReturnedAbout(string fin, int limit, Func<ChainAnchor?> anchor) =>
        Records(
            _entries.Query()
                .Where("$.S[*] ANY = @0", fin)
                .Where("$.R = true")
                .OrderByDescending("_id")
                .Limit(limit)
                .ToList(),
            anchor);

    /// <summary>
    /// The entries' records, read from the segment. An entry whose chunk a purge removed meanwhile (at or below the
    /// anchor) is left out; one whose line is not its record as indexed throws (the segment was changed).
    /// </summary>
    private List<AuditRecord> Records(List<BsonDocument> entries, Func<ChainAnchor?> anchor)
    {
        var records = new List<AuditRecord>(entries.Count);
        var handles = new Dictionary<long, Microsoft.Win32.SafeHandles.SafeFileHandle?>();
        try
        {
            foreach (var entry in entries)
            {
                if (Read(entry, handles, out var problem) is { } record)
                {
                    records.Add(record);
                    continue;
                }
                var sequence = entry["_id"].AsInt64;
                if (problem is null && anchor() is { } purged && sequence <= purged.Sequence) continue;
                var message = problem ?? $"the chunk {SegmentFiles.ChunkName(entry["K"].AsInt64)} that holds it is gone: the segment's files were removed while the store runs";
                LogRecordNotAsIndexed(_logger, sequence, message);
                throw new InvalidDataException($"Audit record {sequence}: {message}. Run `audit verify`, which names every record changed; the views are rebuilt from the segment when views.db is deleted.");
            }
            return records;
        }
        finally
        {
            foreach (var handle in handles.Values) handle?.Dispose();
        }
    }

    /// <summary>
    /// The entry's record from its line in the segment, when the line there is that record, as indexed, with the bytes
    /// its hash covers; otherwise null, with <paramref name="problem"/> saying why (null: the chunk is not there).
    /// </summary>
    private AuditRecord? Read(BsonDocument entry, Dictionary<long, Microsoft.Win32.SafeHandles.SafeFileHandle?>? handles, out string? problem)
    {
        problem = null;
        var chunk = entry["K"].AsInt64;
        Microsoft.Win32.SafeHandles.SafeFileHandle? handle = null;
        if (handles is null || !handles.TryGetValue(chunk, out handle))
        {
            try
            {
                handle = File.OpenHandle(Path.Combine(_directory, SegmentFiles.ChunkName(chunk)), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                handle = null;
            }
            if (handles is not null) handles[chunk] = handle;
        }
        if (handle is null) return null;
        try
        {
            var offset = entry["O"].AsInt64;
            var bytes = new byte[entry["L"].AsInt32 + 1];
            var read = RandomAccess.Read(handle, bytes, offset);
            var sequence = entry["_id"].AsInt64;
            if (read != bytes.Length || bytes[^1] != (byte)'\n' || !AuditLine.TryRead(bytes.AsSpan(0, bytes.Length - 1), out var record, out var hashMatches, out _) || record.Id != sequence)
            {
                problem = $"the line at byte {offset} of its chunk {SegmentFiles.ChunkName(chunk)} is no longer that record (the chunk was rewritten since it was indexed)";
                return null;
            }
            if (!hashMatches || record.Hash != Hash(entry))
            {
                problem = $"its line in the chunk {SegmentFiles.ChunkName(chunk)} was changed since it was indexed (its bytes are not the ones its hash covers, or its hash is not the one indexed)";
                return null;
            }
            return record;
        }
        finally
        {
            if (handles is null) handle.Dispose();
        }
    }

    public void Dispose() => _db.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit views {Path} did not open; they are rebuilt from the segment")]
    private static partial void LogViewsRebuilt(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit views {Path} are of an earlier format; they are rebuilt from the segment")]
    private static partial void LogViewsOfEarlierFormat(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit views do not agree with the segment at record {Sequence}; they are rebuilt from the segment")]
    private static partial void LogViewsDisagree(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "A search found audit record {Sequence} not as the views indexed it: {Problem}")]
    private static partial void LogRecordNotAsIndexed(ILogger logger, long sequence, string problem);
}

/// <summary>The newest durable record of a segment and where its durable bytes end (the chunk being written, and its length).</summary>
public sealed record DurablePoint(long Sequence, string Hash, DateTimeOffset? Time, string Chunk, long Length);
