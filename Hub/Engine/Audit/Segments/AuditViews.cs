using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// The searchable views of one segment (by subject, caller, purpose, time; the citizen's view), in an SQLite file
/// derived from the segment's lines and never the record of truth: not fsynced at each commit (what a crash takes
/// back is indexed again from the segment), emptied and rebuilt when it does not agree with the segment, deleted and
/// rebuilt when it does not open or is of another format. An entry holds only what the searches filter on, the
/// record's hash and where its line is in the segment (chunk, offset, length), not the line: a search reads the line
/// from the segment and answers with it only when it is still the record indexed and its bytes are the ones its hash
/// covers, so a search answers with the bytes that were hashed and names a line changed since.
/// </summary>
/// <remarks>
/// SQLite rather than LiteDB (which kept the views until 3 Dec 2026): LiteDB's index over the subjects allocated about
/// 70 KB and took 40-100 µs of CPU per record (docs/benchmarks/performance.md, "Round of 3 Dec, midday").
/// </remarks>
internal sealed partial class AuditViews : IDisposable
{
    /// <summary>The file's format (SQLite's <c>user_version</c>); a file of another is deleted and rebuilt.</summary>
    private const int Format = 1;
    private const int Batch = 4000;

    private const string Schema = """
        create table state(id integer primary key check (id = 1), sequence integer not null);
        insert into state values (1, 0);
        create table entries(id integer primary key, ticks integer not null, caller text not null, purpose text not null,
            returned integer not null, hash blob not null, chunk integer not null, offset integer not null, length integer not null,
            subjects blob not null);
        create index entries_ticks on entries(ticks);
        create table subjects(subject text not null, id integer not null, primary key (subject, id)) without rowid;
        """;

    private readonly SqliteConnection _db;
    private readonly SqliteCommand _insertEntry;
    private readonly SqliteCommand _insertSubject;
    private readonly SqliteParameter[] _entry;
    private readonly SqliteParameter[] _subject;
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly string _directory;
    private SqliteTransaction? _transaction;
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
        catch (Exception e) when (e is SqliteException or FormatException)
        {
            // Derived data: a file that does not open (or is of another format, or LiteDB's of earlier versions) is
            // rebuilt from the segment, not repaired.
            LogViewsRebuilt(_logger, e, path);
            SqliteConnection.ClearAllPools();
            Delete(path);
            _db = Open(path);
        }
        _insertEntry = Command("insert into entries values ($id, $ticks, $caller, $purpose, $returned, $hash, $chunk, $offset, $length, $subjects)");
        _entry =
        [
            _insertEntry.Parameters.Add("$id", SqliteType.Integer), _insertEntry.Parameters.Add("$ticks", SqliteType.Integer),
            _insertEntry.Parameters.Add("$caller", SqliteType.Text), _insertEntry.Parameters.Add("$purpose", SqliteType.Text),
            _insertEntry.Parameters.Add("$returned", SqliteType.Integer), _insertEntry.Parameters.Add("$hash", SqliteType.Blob),
            _insertEntry.Parameters.Add("$chunk", SqliteType.Integer), _insertEntry.Parameters.Add("$offset", SqliteType.Integer),
            _insertEntry.Parameters.Add("$length", SqliteType.Integer), _insertEntry.Parameters.Add("$subjects", SqliteType.Blob),
        ];
        _insertSubject = Command("insert or ignore into subjects values ($subject, $id)");
        _subject = [_insertSubject.Parameters.Add("$subject", SqliteType.Text), _insertSubject.Parameters.Add("$id", SqliteType.Integer)];
        _indexedThrough = Scalar("select sequence from state");
    }

    private static SqliteConnection Open(string path)
    {
        // Not pooled: the store holds its one connection, and a file deleted to be rebuilt must really be closed.
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        try
        {
            db.Open();
            using var command = db.CreateCommand();
            // WAL, synced at its checkpoints only: a crash can take back the last commits (caught up again from the
            // segment), not leave a file that opens wrong.
            command.CommandText = "pragma journal_mode = wal; pragma synchronous = normal;";
            command.ExecuteNonQuery();
            command.CommandText = "pragma user_version";
            var format = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (format == 0)
            {
                command.CommandText = "begin; " + Schema + $" pragma user_version = {Format}; commit;";
                command.ExecuteNonQuery();
            }
            else if (format != Format)
            {
                throw new FormatException($"audit views of format {format}, not {Format}");
            }
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
        foreach (var file in new[] { path, path + "-wal", path + "-shm", Path.ChangeExtension(path, null) + "-log" + Path.GetExtension(path) })
        {
            File.Delete(file);
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, which every command made meanwhile joins.</summary>
    private void InTransaction(Action work)
    {
        Begin();
        var done = false;
        try
        {
            work();
            _transaction!.Commit();
            done = true;
        }
        finally
        {
            End(done);
        }
    }

    private void Begin()
    {
        _transaction = _db.BeginTransaction();
        _insertEntry.Transaction = _transaction;
        _insertSubject.Transaction = _transaction;
    }

    /// <summary>Closes the transaction; one not committed is taken back, and the count the views hold with it.</summary>
    private void End(bool committed)
    {
        _transaction?.Dispose();
        _transaction = null;
        if (!committed) Volatile.Write(ref _indexedThrough, Scalar("select sequence from state"));
    }

    private long Scalar(string sql, long? argument = null)
    {
        using var command = Command(sql);
        if (argument is { } value) command.Parameters.AddWithValue("$0", value);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql, long? argument = null)
    {
        using var command = Command(sql);
        if (argument is { } value) command.Parameters.AddWithValue("$0", value);
        command.ExecuteNonQuery();
    }

    /// <summary>The newest sequence the views hold every record up to.</summary>
    public long IndexedThrough => Volatile.Read(ref _indexedThrough);

    /// <summary>
    /// Before the store is shared: drops what the segment no longer has (purged below the anchor, or beyond its head)
    /// and entries past the views' own count, and empties the views when their newest entry is not the segment's
    /// record of that number where the entry says it is.
    /// </summary>
    public void Reconcile(ChainAnchor? anchor, ChainPosition head, Func<long, string?> hashAt)
    {
        lock (_lock)
        {
            InTransaction(() => ReconcileWith(anchor, head, hashAt));
            _cursor = null;
        }
    }

    private void ReconcileWith(ChainAnchor? anchor, ChainPosition head, Func<long, string?> hashAt)
    {
        if (anchor is not null) DropEntries("id <= $0", anchor.Sequence);
        var through = Math.Min(_indexedThrough, head.Sequence);
        DropEntries("id > $0", through);
        var newest = through == 0 ? null : Entries("where id = $0", through).FirstOrDefault();
        var agrees = through == 0 || (anchor is not null && through <= anchor.Sequence)
            || (newest is not null && Convert.ToHexStringLower(newest.Hash) == hashAt(through) && Read(newest, null, out _) is not null);
        if (!agrees)
        {
            LogViewsDisagree(_logger, through);
            Execute("delete from entries; delete from subjects;");
            through = 0;
        }
        if (anchor is not null && through < anchor.Sequence) through = anchor.Sequence;
        SetIndexedThrough(through);
    }

    /// <summary>Drops the entries of records a purge removed.</summary>
    public void DeleteThrough(long sequence)
    {
        lock (_lock)
        {
            InTransaction(() => DropThrough(sequence));
        }
    }

    private void DropThrough(long sequence)
    {
        DropEntries("id <= $0", sequence);
        if (_indexedThrough < sequence) SetIndexedThrough(sequence);
        _cursor = null;
    }

    /// <summary>Removes the entries matching <paramref name="condition"/> and their subjects (found through each entry's own list).</summary>
    private void DropEntries(string condition, long argument)
    {
        var keys = new List<(string Subject, long Id)>();
        using (var select = Command($"select id, subjects from entries where {condition}"))
        {
            select.Parameters.AddWithValue("$0", argument);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                // As indexed: an empty subject (null in the line) is kept as "".
                foreach (var subject in JsonSerializer.Deserialize<List<string?>>((byte[])reader.GetValue(1)) ?? []) keys.Add((subject ?? "", id));
            }
        }
        using (var delete = Command("delete from subjects where subject = $subject and id = $id"))
        {
            var subject = delete.Parameters.Add("$subject", SqliteType.Text);
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var key in keys)
            {
                subject.Value = key.Subject;
                id.Value = key.Id;
                delete.ExecuteNonQuery();
            }
        }
        Execute($"delete from entries where {condition}", argument);
    }

    /// <summary>
    /// Indexes the segment's records after <see cref="IndexedThrough"/> up to <paramref name="durable"/> (the newest
    /// durable record and where the segment's durable bytes end), in transactions of up to 4,000 records. Records at
    /// or below <paramref name="anchor"/> were purged: their entries are dropped, not looked for. Throws
    /// <see cref="InvalidDataException"/> when no chunk is left to read the durable records from (the segment's files
    /// were removed while the store runs).
    /// </summary>
    public void CatchUp(DurablePoint durable, ChainAnchor? anchor)
    {
        if (IndexedThrough >= durable.Sequence) return;
        lock (_lock)
        {
            if (anchor is not null && _indexedThrough < anchor.Sequence) InTransaction(() => DropThrough(anchor.Sequence));
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
            var inTransaction = 0;
            var last = _indexedThrough;
            var failed = true;
            try
            {
                foreach (var chunk in chunks.SkipWhile(c => c != cursor.Chunk))
                {
                    var from = chunk == cursor.Chunk ? cursor.Offset : 0;
                    var named = SegmentFiles.NamedSequence(chunk);
                    var (end, _) = SegmentFiles.ReadLines(chunk, from, chunk == durable.Chunk ? durable.Length : null, (line, at) =>
                    {
                        if (!AuditLine.TryReadIndexed(line, out var record) || record.Id <= last) return true;
                        if (_transaction is null) Begin();
                        Insert(record, named, at, line.Length);
                        last = record.Id;
                        if (++inTransaction == Batch) Commit(ref inTransaction, last);
                        return record.Id < durable.Sequence;
                    });
                    Commit(ref inTransaction, last);
                    cursor = (chunk, end);
                    if (_indexedThrough >= durable.Sequence) break;
                }
                failed = false;
            }
            finally
            {
                // A failure part way: what was not committed is taken back, and the next catch-up looks for its chunk again.
                if (failed)
                {
                    End(committed: false);
                    _cursor = null;
                }
            }
            _cursor = cursor;
        }
    }

    private void Insert(IndexedRecord record, long chunk, long offset, int length)
    {
        _entry[0].Value = record.Id;
        _entry[1].Value = record.Ticks;
        _entry[2].Value = record.Caller;
        _entry[3].Value = record.Purpose;
        _entry[4].Value = record.Returned ? 1L : 0L;
        _entry[5].Value = record.Hash;
        _entry[6].Value = chunk;
        _entry[7].Value = offset;
        _entry[8].Value = (long)length;
        _entry[9].Value = record.SubjectsJson;
        _insertEntry.ExecuteNonQuery();
        _subject[1].Value = record.Id;
        foreach (var subject in record.Subjects)
        {
            _subject[0].Value = subject;
            _insertSubject.ExecuteNonQuery();
        }
    }

    private void Commit(ref int inTransaction, long through)
    {
        if (_transaction is null) return;
        SetIndexedThrough(through);
        _transaction.Commit();
        End(committed: true);
        inTransaction = 0;
    }

    private void SetIndexedThrough(long sequence)
    {
        Execute("update state set sequence = $0", sequence);
        Volatile.Write(ref _indexedThrough, sequence);
    }

    /// <summary>Records matching every filter given, newest first.</summary>
    public AuditPage Find(AuditFilter filter, int page, int pageSize, Func<ChainAnchor?> anchor)
    {
        var conditions = new List<string>();
        var arguments = new List<(string Name, object Value)>();
        if (filter.Caller is { } caller) Add("caller = $caller", ("$caller", caller));
        if (filter.Purpose is { } purpose) Add("purpose = $purpose", ("$purpose", purpose));
        if (filter.From is { } from) Add("ticks >= $from", ("$from", from.UtcTicks));
        if (filter.To is { } to) Add("ticks < $to", ("$to", to.UtcTicks));
        if (filter.Subject is { } subject) Add("id in (select id from subjects where subject = $subject)", ("$subject", subject));
        var where = conditions.Count == 0 ? "" : "where " + string.Join(" and ", conditions);
        int total;
        List<Entry> entries;
        lock (_lock)
        {
            using (var count = Command($"select count(*) from entries {where}"))
            {
                foreach (var (name, value) in arguments) count.Parameters.AddWithValue(name, value);
                total = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            entries = Entries($"{where} order by id desc limit {pageSize} offset {(long)(page - 1) * pageSize}", null, arguments);
        }
        return new AuditPage(page, pageSize, total, Records(entries, anchor));

        void Add(string condition, (string, object) argument)
        {
            conditions.Add(condition);
            arguments.Add(argument);
        }
    }

    public IReadOnlyList<AuditRecord> ProfilesReturnedAbout(string fin, int limit, Func<ChainAnchor?> anchor)
    {
        List<Entry> entries;
        lock (_lock)
        {
            entries = Entries($"where id in (select id from subjects where subject = $subject) and returned = 1 order by id desc limit {limit}", null, [("$subject", fin)]);
        }
        return Records(entries, anchor);
    }

    /// <summary>Where an entry's record is, and its hash as indexed.</summary>
    private sealed record Entry(long Id, byte[] Hash, long Chunk, long Offset, int Length);

    private List<Entry> Entries(string clauses, long? argument, List<(string Name, object Value)>? arguments = null)
    {
        using var command = Command($"select id, hash, chunk, offset, length from entries {clauses}");
        if (argument is { } value) command.Parameters.AddWithValue("$0", value);
        foreach (var (name, parameter) in arguments ?? []) command.Parameters.AddWithValue(name, parameter);
        using var reader = command.ExecuteReader();
        var entries = new List<Entry>();
        while (reader.Read()) entries.Add(new Entry(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4)));
        return entries;
    }

    /// <summary>
    /// The entries' records, read from the segment. An entry whose chunk a purge removed meanwhile (at or below the
    /// anchor) is left out; one whose line is not its record as indexed throws (the segment was changed).
    /// </summary>
    private List<AuditRecord> Records(List<Entry> entries, Func<ChainAnchor?> anchor)
    {
        var records = new List<AuditRecord>(entries.Count);
        var handles = new Dictionary<long, SafeFileHandle?>();
        try
        {
            foreach (var entry in entries)
            {
                if (Read(entry, handles, out var problem) is { } record)
                {
                    records.Add(record);
                    continue;
                }
                if (problem is null && anchor() is { } purged && entry.Id <= purged.Sequence) continue;
                var message = problem ?? $"the chunk {SegmentFiles.ChunkName(entry.Chunk)} that holds it is gone: the segment's files were removed while the store runs";
                LogRecordNotAsIndexed(_logger, entry.Id, message);
                throw new AuditRecordAlteredException($"Audit record {entry.Id}: {message}. Run `audit verify`, which names every record changed; the views are rebuilt from the segment when views.db is deleted.");
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
    private AuditRecord? Read(Entry entry, Dictionary<long, SafeFileHandle?>? handles, out string? problem)
    {
        problem = null;
        SafeFileHandle? handle = null;
        if (handles is null || !handles.TryGetValue(entry.Chunk, out handle))
        {
            try
            {
                handle = File.OpenHandle(Path.Combine(_directory, SegmentFiles.ChunkName(entry.Chunk)), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                handle = null;
            }
            if (handles is not null) handles[entry.Chunk] = handle;
        }
        if (handle is null) return null;
        try
        {
            var bytes = new byte[entry.Length + 1];
            var read = RandomAccess.Read(handle, bytes, entry.Offset);
            if (read != bytes.Length || bytes[^1] != (byte)'\n' || !AuditLine.TryRead(bytes.AsSpan(0, entry.Length), out var record, out var hashMatches, out _) || record.Id != entry.Id)
            {
                problem = $"the line at byte {entry.Offset} of its chunk {SegmentFiles.ChunkName(entry.Chunk)} is no longer that record (the chunk was rewritten since it was indexed)";
                return null;
            }
            if (!hashMatches || record.Hash != Convert.ToHexStringLower(entry.Hash))
            {
                problem = $"its line in the chunk {SegmentFiles.ChunkName(entry.Chunk)} was changed since it was indexed (its bytes are not the ones its hash covers, or its hash is not the one indexed)";
                return null;
            }
            return record;
        }
        finally
        {
            if (handles is null) handle.Dispose();
        }
    }

    public void Dispose()
    {
        _insertEntry.Dispose();
        _insertSubject.Dispose();
        _db.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit views {Path} did not open (or are of another format); they are rebuilt from the segment")]
    private static partial void LogViewsRebuilt(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit views do not agree with the segment at record {Sequence}; they are rebuilt from the segment")]
    private static partial void LogViewsDisagree(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "A search found audit record {Sequence} not as the views indexed it: {Problem}")]
    private static partial void LogRecordNotAsIndexed(ILogger logger, long sequence, string problem);
}

/// <summary>The newest durable record of a segment and where its durable bytes end (the chunk being written, and its length).</summary>
public sealed record DurablePoint(long Sequence, string Hash, DateTimeOffset? Time, string Chunk, long Length);
