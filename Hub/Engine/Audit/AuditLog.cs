using IntegrationHub.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// The hash-chained audit log over a <see cref="DurableStore"/>: <see cref="AppendAsync"/> completes once the
/// record is on disk. Sequence and previous hash are read inside the write (on the store's single writer
/// thread), so concurrent appends chain in commit order and a write re-run after a group rollback stays
/// correct. Purged records leave an anchor (sequence and hash of the last one purged) that the rest chains to.
/// </summary>
public sealed class AuditLog : IAuditChain, IDisposable
{
    public const string RecordsCollection = "records";
    private const string ChainCollection = "chain";
    private const string AnchorId = "anchor";

    private readonly DurableStore _store;
    private readonly TimeProvider _time;
    private readonly string _segment;
    private readonly ChainReader _reader;
    private long _appended;

    public AuditLog(IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditLog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _segment = options.Value.Segment;
        _store = new DurableStore(new DurableStoreOptions(options.Value.FilePath), logger);
        _store.WriteAsync(db =>
        {
            var records = db.GetCollection<AuditRecord>(RecordsCollection);
            records.EnsureIndex("subjects", "$.Subjects[*]");
            records.EnsureIndex(r => r.Time);
        }).GetAwaiter().GetResult();
        _store.CreateCollections(ChainCollection);
        _reader = new ChainReader(_store.Database);
    }

    public string Path => _store.Path;

    public string Segment => _segment;

    public long Appended => Interlocked.Read(ref _appended);

    public ChainPosition Head => _reader.Head;

    public ChainAnchor? Anchor => _reader.Anchor;

    public string? HashAt(long sequence) => _reader.HashAt(sequence);

    /// <summary>Read on the writer thread, so it completes only once every record it counts is committed and fsynced.</summary>
    public Task<ChainPosition> DurableHeadAsync(CancellationToken cancellationToken) =>
        _store.WriteAsync(db => { var (sequence, hash) = ReadHead(db); return new ChainPosition(sequence, hash); }, cancellationToken);

    /// <summary>The chain in a file opened elsewhere (read-only, by the command line), as the verifier reads it.</summary>
    public static IAuditChainReader Reader(LiteDatabase db) => new ChainReader(db);

    /// <summary>Commit groups and records written, for the benchmark.</summary>
    public (long Groups, long Records) Counters => _store.Counters;

    private static ILiteCollection<AuditRecord> Records(LiteDatabase db) => db.GetCollection<AuditRecord>(RecordsCollection);

    /// <summary>Appends the record; completes once it (and the chain up to it) is fsynced. Throws when the disk failed.</summary>
    public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _store.WriteAsync(db =>
        {
            var records = Records(db);
            var (sequence, previous) = ReadHead(db);
            var now = _time.GetUtcNow();
            var record = new AuditRecord
            {
                Id = sequence + 1,
                Time = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
                Segment = _segment,
                RequestId = entry.RequestId,
                Caller = entry.Caller,
                Officer = entry.Officer,
                Purpose = entry.Purpose,
                CaseNumber = entry.CaseNumber,
                Applicant = entry.Applicant,
                Subjects = [.. entry.Subjects],
                Outcome = entry.Outcome,
                Agencies = [.. entry.Agencies],
                ProfileId = entry.ProfileId,
                ProfileHash = entry.ProfileHash,
                ReplayOf = entry.ReplayOf,
                PreviousHash = previous,
            };
            record.Hash = record.ComputeHash();
            records.Insert(record);
            Interlocked.Increment(ref _appended);
            return record;
        }, cancellationToken);
    }

    /// <summary>The last record's sequence and hash, or the anchor's, or the genesis.</summary>
    private static (long Sequence, string Hash) ReadHead(LiteDatabase db)
    {
        // The _id index walked backwards: no expression to parse on every append (it showed in the profile).
        var last = Records(db).Find(Query.All(Query.Descending), skip: 0, limit: 1).FirstOrDefault();
        if (last is not null) return (last.Id, last.Hash);
        var anchor = db.GetCollection(ChainCollection).FindById(AnchorId);
        return anchor is null ? (0, AuditRecord.Genesis) : (anchor["Sequence"].AsInt64, anchor["Hash"].AsString);
    }

    /// <summary>Walks the chain from the anchor (or genesis) and names the first record that does not fit.</summary>
    public AuditVerification Verify() => Verify(_store.Database);

    /// <summary>Records in this instance's segment (all time, within retention), for the dashboard's audit volume.</summary>
    public long Count() => _store.Database.GetCollection(RecordsCollection).LongCount();

    /// <inheritdoc cref="Verify()"/>
    public static AuditVerification Verify(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var anchor = ReadAnchor(db);
        var expectedSequence = anchor is null ? 1 : anchor.Sequence + 1;
        var previous = anchor is null ? AuditRecord.Genesis : anchor.Hash;
        long count = 0;
        foreach (var record in Records(db).Query().OrderBy("_id").ToEnumerable())
        {
            string? problem = null;
            if (record.Id != expectedSequence) problem = $"sequence {record.Id} where {expectedSequence} was expected: records are missing";
            else if (record.PreviousHash != previous) problem = "its previous hash does not match the record before it";
            else if (record.ComputeHash() != record.Hash) problem = "its content does not match its hash: the record was changed";
            if (problem is not null)
            {
                return new AuditVerification(false, count, record.Id, $"Record {record.Id}: {problem}.", anchor?.Sequence);
            }
            previous = record.Hash;
            expectedSequence++;
            count++;
        }
        return new AuditVerification(true, count, null, $"{count} records verified; the chain is intact.", anchor?.Sequence);
    }

    private static ChainAnchor? ReadAnchor(LiteDatabase db)
    {
        var anchor = db.GetCollection(ChainCollection).FindById(AnchorId);
        return anchor is null
            ? null
            : new ChainAnchor(anchor["Sequence"].AsInt64, anchor["Hash"].AsString, new DateTimeOffset(anchor["Time"].AsDateTime.ToUniversalTime()));
    }

    /// <summary>
    /// Deletes the records older than <paramref name="cutoff"/> (a prefix of the chain: it stops at the first
    /// younger record) and moves the anchor to the last one deleted, so the rest still verifies. Before each slice
    /// is deleted, <paramref name="beforeDelete"/> is told the anchor it will leave (the checkpointer signs it), so
    /// an anchor nobody vouched for is a forgery, not a purge.
    /// </summary>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, Func<ChainAnchor, CancellationToken, Task> beforeDelete, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeDelete);
        var total = 0;
        while (true)
        {
            // In slices, so one purge never holds the writer (and every waiting access) for long. Read outside the
            // writer: only the purge removes records, and appends only add after them.
            var last = Records(_store.Database).Query().OrderBy("_id").Limit(5000).ToEnumerable().TakeWhile(r => r.Time < cutoff).LastOrDefault();
            if (last is null) return total;
            var anchor = new ChainAnchor(last.Id, last.Hash, last.Time);
            await beforeDelete(anchor, cancellationToken);
            var purged = await _store.WriteAsync(db =>
            {
                db.GetCollection(ChainCollection).Upsert(new BsonDocument
                {
                    ["_id"] = AnchorId,
                    ["Sequence"] = anchor.Sequence,
                    ["Hash"] = anchor.Hash,
                    ["Time"] = anchor.Time.UtcDateTime,
                });
                return Records(db).DeleteMany(Query.LTE("_id", anchor.Sequence));
            }, cancellationToken);
            total += purged;
        }
    }

    /// <summary>Records matching every filter given, newest first.</summary>
    public AuditPage Find(AuditFilter filter, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Records(_store.Database).Query();
        if (filter.Caller is { } caller) query = query.Where("$.Caller = @0", caller);
        if (filter.Purpose is { } purpose) query = query.Where("$.Purpose = @0", purpose);
        if (filter.From is { } from) query = query.Where("$.Time >= @0", from.UtcDateTime);
        if (filter.To is { } to) query = query.Where("$.Time < @0", to.UtcDateTime);
        if (filter.Subject is { } subject) query = query.Where("$.Subjects[*] ANY = @0", subject);
        var total = query.Count();
        var items = query.OrderByDescending("_id").Skip((page - 1) * pageSize).Limit(pageSize).ToList();
        return new AuditPage(page, pageSize, total, items);
    }

    /// <summary>
    /// The records in which <paramref name="fin"/> is a subject and a profile was returned, newest first; a replay
    /// (the same answer sent again for the same request) is the same access and is not listed twice.
    /// </summary>
    public IReadOnlyList<AuditRecord> ProfilesReturnedAbout(string fin, int limit) =>
        Records(_store.Database).Query()
            .Where("$.Subjects[*] ANY = @0", fin)
            .Where("$.Outcome = @0", AuditRecord.Ok)
            .Where("$.ReplayOf = null")
            .OrderByDescending("_id")
            .Limit(limit)
            .ToList();

    public void Dispose() => _store.Dispose();

    /// <summary>The chain as stored in one LiteDB file, read from any thread.</summary>
    private sealed class ChainReader(LiteDatabase db) : IAuditChainReader
    {
        public AuditVerification Verify() => AuditLog.Verify(db);

        public ChainPosition Head
        {
            get
            {
                var (sequence, hash) = AuditLog.ReadHead(db);
                return new ChainPosition(sequence, hash);
            }
        }

        public ChainAnchor? Anchor => ReadAnchor(db);

        public string? HashAt(long sequence) => Records(db).FindById(sequence)?.Hash;
    }
}

/// <param name="Intact">True when every record chains to the one before and matches its hash.</param>
/// <param name="Verified">Records verified before the first broken one (all of them when intact).</param>
/// <param name="FirstBroken">Sequence number of the first record that does not fit.</param>
/// <param name="AnchoredAt">Sequence of the last purged record the chain starts from, if records were purged.</param>
/// <param name="Head">The last record's sequence (the anchor's when none is left).</param>
/// <param name="Anchor">The anchor the chain starts from, if records were purged.</param>
/// <param name="LastCheckpoint">The newest signed checkpoint of the head.</param>
/// <param name="Checkpoints">Signed checkpoints read (of the head and of purges).</param>
/// <param name="Problems">Everything found wrong, the first one also in <paramref name="Message"/>.</param>
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
    IReadOnlyList<string>? Problems = null);

public sealed record AuditFilter(string? Caller = null, string? Purpose = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Subject = null);

public sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditRecord> Items);
