using System.Text;
using System.Threading.Channels;
using IntegrationHub.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Hub.Engine.Audit.Postgres;

/// <summary>
/// The audit on PostgreSQL (<c>Storage:Provider=Postgres</c>): every instance keeps its own chain (segment) in the one
/// shared table <c>audit_records</c>, and answers the views from every segment. The segment is
/// <c>Audit:Segment</c>, or else the first free of <c>{machine}-1</c>, <c>{machine}-2</c>, … : an instance holds its
/// segment with a session advisory lock for as long as it runs, so two instances never write one chain, and an
/// instance killed and started again takes its segment back (the server drops a dead session's locks). One writer
/// takes the appends in arrival order, chains them from the head it keeps in memory and writes each group (up to
/// <c>Audit:MaxGroup</c>) with one binary COPY, one transaction, committed durably before any append of the group
/// completes. A failed group fails its appends and the head is read again before the next one.
/// </summary>
public sealed partial class PostgresAuditStore : IAuditStore
{
    private readonly PostgresDatabase _db;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _preferred;
    private readonly int _maxGroup;
    private readonly Channel<Append> _queue = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly Task _writer;

    private NpgsqlConnection? _lock;
    private string _segment;
    private volatile bool _open;
    private volatile bool _reload;
    private ChainPosition _head = new(0, AuditRecord.Genesis);
    private ChainAnchor? _anchor;
    private long _groups;
    private long _records;
    private int _disposed;

    public PostgresAuditStore(PostgresDatabase database, IOptions<AuditOptions> options, TimeProvider time, ILogger<PostgresAuditStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _db = database;
        _time = time;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _preferred = options.Value.Segment;
        _segment = _preferred;
        _maxGroup = options.Value.MaxGroup;
        Checkpoints = new PostgresCheckpointLog(database, () => Segment);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>This instance's checkpoints, in <c>audit_checkpoints</c> beside its segment.</summary>
    public PostgresCheckpointLog Checkpoints { get; }

    /// <summary>The segment this instance writes (claimed at the first use).</summary>
    public string Segment
    {
        get
        {
            EnsureOpen();
            return Volatile.Read(ref _segment);
        }
    }

    public long Appended => Interlocked.Read(ref _records);

    public (long Groups, long Records) Counters => (Interlocked.Read(ref _groups), Interlocked.Read(ref _records));

    public ChainPosition Head
    {
        get
        {
            EnsureOpen();
            return Volatile.Read(ref _head);
        }
    }

    public ChainAnchor? Anchor
    {
        get
        {
            EnsureOpen();
            return Volatile.Read(ref _anchor);
        }
    }

    public async Task<ChainPosition> DurableHeadAsync(CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken);
        return Volatile.Read(ref _head);
    }

    public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var append = new Append(entry);
        if (!_queue.Writer.TryWrite(append)) throw new ObjectDisposedException(nameof(PostgresAuditStore));
        return append.Completion.Task.WaitAsync(cancellationToken);
    }

    // ---- the chain ----------------------------------------------------------------------------------------------

    public ChainWalk Walk(IReadOnlySet<long> hashesOf)
    {
        EnsureOpen();
        return PostgresSegmentChain.Walk(_db, Volatile.Read(ref _segment), Volatile.Read(ref _anchor), hashesOf, Volatile.Read(ref _head).Sequence);
    }

    public string? HashAt(long sequence)
    {
        EnsureOpen();
        var head = Volatile.Read(ref _head);
        if (sequence == head.Sequence) return head.Hash;
        return sequence > head.Sequence ? null : PostgresSegmentChain.HashAt(_db, Volatile.Read(ref _segment), sequence);
    }

    /// <summary>The other instances' segments in the table (and those with only an anchor or checkpoints left), each with its checkpoints.</summary>
    public IReadOnlyList<AuditSegmentLog> OtherSegments()
    {
        var own = Segment;
        return PostgresSegmentChain.Segments(_db).Where(s => s != own)
            .Select(s => new AuditSegmentLog(s, new PostgresSegmentChain(_db, s), new PostgresCheckpointLog(_db, () => s)))
            .ToList();
    }

    // ---- the views, across every segment ------------------------------------------------------------------------

    public AuditPage Find(AuditFilter filter, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const string Where = """
            where ($1::text is null or caller = $1) and ($2::text is null or purpose = $2)
              and ($3::timestamptz is null or time >= $3) and ($4::timestamptz is null or time < $4)
              and ($5::text is null or subjects @> array[$5::text])
            """;
        return Run(connection =>
        {
            using var count = new NpgsqlCommand("select count(*) from audit_records " + Where, connection);
            AddFilter(count, filter);
            var total = (int)(long)count.ExecuteScalar()!;
            using var query = new NpgsqlCommand("select line, hash from audit_records " + Where + " order by time desc, segment, seq desc limit $6 offset $7", connection);
            AddFilter(query, filter);
            query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pageSize });
            query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, page - 1) * pageSize });
            return new AuditPage(page, pageSize, total, ReadRecords(query));
        });
    }

    private static void AddFilter(NpgsqlCommand command, AuditFilter filter)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Caller ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Purpose ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.From is { } from ? from.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = filter.To is { } to ? to.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }

    public IReadOnlyList<AuditRecord> ProfilesReturnedAbout(string fin, int limit) => Run(connection =>
    {
        using var query = new NpgsqlCommand(
            "select line, hash from audit_records where subjects @> array[$1::text] and outcome = $2 and not replay order by time desc, segment, seq desc limit $3", connection);
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fin });
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AuditRecord.Ok });
        query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return ReadRecords(query);
    });

    public long Count() => Run(connection =>
    {
        using var query = new NpgsqlCommand("select count(*) from audit_records", connection);
        return (long)query.ExecuteScalar()!;
    });

    private static List<AuditRecord> ReadRecords(NpgsqlCommand query)
    {
        var records = new List<AuditRecord>();
        using var reader = query.ExecuteReader();
        while (reader.Read()) records.Add(AuditRecord.ReadCanonical(Encoding.UTF8.GetBytes(reader.GetString(0)), reader.GetString(1)));
        return records;
    }

    private T Run<T>(Func<NpgsqlConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            _db.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var connection = _db.DataSource.OpenConnection();
            return read(connection);
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw _db.Unavailable(e);
        }
    }

    // ---- retention (this instance's segment) ---------------------------------------------------------------------

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, Func<ChainAnchor, CancellationToken, Task> beforeDelete, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeDelete);
        await EnsureOpenAsync(cancellationToken);
        var segment = Volatile.Read(ref _segment);
        try
        {
            ChainAnchor anchor;
            await using (var connection = await _db.OpenAsync(cancellationToken))
            {
                await using var last = new NpgsqlCommand("select seq, hash, time from audit_records where segment = $1 and time < $2 order by seq desc limit 1", connection);
                last.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
                last.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff.ToUniversalTime() });
                await using var reader = await last.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken)) return 0;
                anchor = new ChainAnchor(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
            }
            // Signed before anything goes: an anchor nobody vouched for is a forgery, not a purge.
            await beforeDelete(anchor, cancellationToken);
            await using (var connection = await _db.OpenAsync(cancellationToken))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var upsert = new NpgsqlCommand(
                    "insert into audit_anchors (segment, seq, hash, time) values ($1, $2, $3, $4) on conflict (segment) do update set seq = excluded.seq, hash = excluded.hash, time = excluded.time", connection, transaction))
                {
                    upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
                    upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = anchor.Sequence });
                    upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = anchor.Hash });
                    upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = anchor.Time.ToUniversalTime() });
                    await upsert.ExecuteNonQueryAsync(cancellationToken);
                }
                int deleted;
                await using (var delete = new NpgsqlCommand("delete from audit_records where segment = $1 and seq <= $2", connection, transaction))
                {
                    delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
                    delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = anchor.Sequence });
                    deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                Volatile.Write(ref _anchor, anchor);
                return deleted;
            }
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw _db.Unavailable(e);
        }
    }

    // ---- opening: the segment claimed, its head read -------------------------------------------------------------

    private void EnsureOpen()
    {
        if (_open && !_reload) return;
        EnsureOpenAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_open && !_reload) return;
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_open && !_reload) return;
            await _db.EnsureSchemaAsync(cancellationToken);
            if (!await LockAliveAsync(cancellationToken)) await ClaimSegmentAsync(cancellationToken);
            await ReadHeadAsync(cancellationToken);
            _reload = false;
            _open = true;
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw _db.Unavailable(e);
        }
        finally
        {
            _opening.Release();
        }
    }

    private async Task<bool> LockAliveAsync(CancellationToken cancellationToken)
    {
        if (_lock is null) return false;
        try
        {
            await using var ping = new NpgsqlCommand("select 1", _lock);
            await ping.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            // The session (and with it the segment's lock) is gone: claimed again below.
            await _lock.DisposeAsync();
            _lock = null;
            return false;
        }
    }

    private async Task ClaimSegmentAsync(CancellationToken cancellationToken)
    {
        var connection = await _db.OpenDedicatedAsync(cancellationToken);
        try
        {
            var current = Volatile.Read(ref _segment);
            IEnumerable<string> candidates = _preferred.Length > 0
                ? [_preferred]
                : (current.Length > 0 ? [current] : Array.Empty<string>()).Concat(Enumerable.Range(1, 256).Select(n => $"{MachinePrefix()}-{n}"));
            foreach (var candidate in candidates)
            {
                await using var claim = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 0))", connection);
                claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "integrationhub-audit-segment:" + candidate });
                if (await claim.ExecuteScalarAsync(cancellationToken) is true)
                {
                    _lock = connection;
                    Volatile.Write(ref _segment, candidate);
                    LogClaimed(_logger, candidate, _db.Name);
                    return;
                }
            }
            throw new InvalidOperationException(_preferred.Length > 0
                ? $"The audit segment '{_preferred}' (Audit:Segment) is held by another running hub instance: give each instance its own, or leave it empty to have one chosen."
                : "No free audit segment: 256 hub instances of this machine hold one each.");
        }
        catch
        {
            if (_lock != connection) await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The machine's name as a segment's prefix: lower-case letters, digits and hyphens, at most 24.</summary>
    private static string MachinePrefix()
    {
        var name = new string(Environment.MachineName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (name.Length == 0) name = "hub";
        return name.Length <= 24 ? name : name[..24];
    }

    private async Task ReadHeadAsync(CancellationToken cancellationToken)
    {
        var segment = Volatile.Read(ref _segment);
        await using var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken);
        ChainAnchor? anchor = null;
        await using (var query = new NpgsqlCommand("select seq, hash, time from audit_anchors where segment = $1", connection))
        {
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) anchor = new ChainAnchor(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        }
        ChainPosition head = anchor is null ? new(0, AuditRecord.Genesis) : new(anchor.Sequence, anchor.Hash);
        await using (var query = new NpgsqlCommand("select seq, hash from audit_records where segment = $1 order by seq desc limit 1", connection))
        {
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) head = new ChainPosition(reader.GetInt64(0), reader.GetString(1));
        }
        Volatile.Write(ref _anchor, anchor);
        Volatile.Write(ref _head, head);
    }

    // ---- the writer ---------------------------------------------------------------------------------------------

    private async Task WriteLoopAsync()
    {
        var group = new List<Append>(_maxGroup);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < _maxGroup && reader.TryRead(out var next)) group.Add(next);
            await CommitAsync(group);
        }
    }

    private async Task CommitAsync(List<Append> group)
    {
        try
        {
            await EnsureOpenAsync(CancellationToken.None);
            var segment = Volatile.Read(ref _segment);
            var now = _time.GetUtcNow();
            now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            var head = Volatile.Read(ref _head);
            var sequence = head.Sequence;
            var hash = head.Hash;
            var lines = new string[group.Count];
            for (var i = 0; i < group.Count; i++)
            {
                var e = group[i].Entry;
                var record = new AuditRecord
                {
                    Id = ++sequence, Time = now, Segment = segment, RequestId = e.RequestId, Caller = e.Caller, Officer = e.Officer,
                    Purpose = e.Purpose, CaseNumber = e.CaseNumber, Applicant = e.Applicant, Subjects = [.. e.Subjects], Outcome = e.Outcome,
                    Agencies = [.. e.Agencies], ProfileId = e.ProfileId, ProfileHash = e.ProfileHash, ReplayOf = e.ReplayOf, PreviousHash = hash,
                };
                var canonical = record.Canonical();
                record.Hash = AuditRecord.Sha256(canonical);
                lines[i] = Encoding.UTF8.GetString(canonical);
                hash = record.Hash;
                group[i].Record = record;
            }
            await using (var connection = await _db.DataSource.OpenConnectionAsync())
            {
                // COPY is one statement, one transaction: the group is in the table, durably (synchronous commit), or not at all.
                await using var copy = await connection.BeginBinaryImportAsync(
                    "copy audit_records (segment, seq, time, caller, purpose, subjects, outcome, replay, line, hash) from stdin (format binary)");
                for (var i = 0; i < group.Count; i++)
                {
                    var r = group[i].Record!;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(segment, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(r.Time, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.Caller, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Purpose, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Subjects.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Outcome, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.ReplayOf is not null, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(lines[i], NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Hash, NpgsqlDbType.Text);
                }
                await copy.CompleteAsync();
            }
            Volatile.Write(ref _head, new ChainPosition(sequence, hash));
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _records, group.Count);
            foreach (var append in group) append.Completion.TrySetResult(append.Record!);
        }
#pragma warning disable CA1031 // Whatever kept the group out of the table, its appends fail with it: the callers return nothing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Committed or not (a connection lost at the commit leaves it unknown), the head is read again before the next group.
            _reload = true;
            var failure = PostgresDatabase.IsUnavailable(e) ? _db.Unavailable(e) : e;
            LogWriteFailed(_logger, failure, group.Count);
            foreach (var append in group) append.Completion.TrySetException(failure);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Writer.TryComplete();
        if (!WriterDrain.Wait(_writer, "the PostgreSQL audit store " + _db.Name, _logger)) return;
        _lock?.Dispose();
        _opening.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit segment {Segment} claimed in the PostgreSQL database {Database}")]
    private static partial void LogClaimed(ILogger logger, string segment, string database);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group of {Count} audit records could not be written to PostgreSQL; their profiles are not returned")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    private sealed class Append(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;

        public AuditRecord? Record { get; set; }

        public TaskCompletionSource<AuditRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
