using IntegrationHub.Subsystems.Common.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// The hash-chained audit log over a <see cref="DurableStore"/>: <see cref="AppendAsync"/> completes once the
/// record is on disk. Sequence and previous hash are read inside the write (on the store's single writer
/// thread), so concurrent appends chain in commit order and a write re-run after a group rollback stays
/// correct. Purged records leave an anchor (sequence and hash of the last one purged) that the rest chains to.
/// </summary>
public sealed class AuditLog : IDisposable
{
    public const string RecordsCollection = "records";
    private const string ChainCollection = "chain";
    private const string AnchorId = "anchor";

    private readonly DurableStore _store;
    private readonly TimeProvider _time;
    private readonly string _segment;

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
    }

    public string Path => _store.Path;

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
            var (sequence, previous) = Head(db);
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
            return record;
        }, cancellationToken);
    }

    /// <summary>The last record's sequence and hash, or the anchor's, or the genesis.</summary>
    private static (long Sequence, string Hash) Head(LiteDatabase db)
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
        var anchor = db.GetCollection(ChainCollection).FindById(AnchorId);
        var expectedSequence = anchor is null ? 1 : anchor["Sequence"].AsInt64 + 1;
        var previous = anchor is null ? AuditRecord.Genesis : anchor["Hash"].AsString;
        long count = 0;
        foreach (var record in Records(db).Query().OrderBy("_id").ToEnumerable())
        {
            string? problem = null;
            if (record.Id != expectedSequence) problem = $"sequence {record.Id} where {expectedSequence} was expected: records are missing";
            else if (record.PreviousHash != previous) problem = "its previous hash does not match the record before it";
            else if (record.ComputeHash() != record.Hash) problem = "its content does not match its hash: the record was changed";
            if (problem is not null)
            {
                return new AuditVerification(false, count, record.Id, $"Record {record.Id}: {problem}.", anchor is null ? null : expectedSequence - 1);
            }
            previous = record.Hash;
            expectedSequence++;
            count++;
        }
        return new AuditVerification(true, count, null, $"{count} records verified; the chain is intact.", anchor?["Sequence"].AsInt64);
    }

    /// <summary>
    /// Deletes the records older than <paramref name="cutoff"/> (a prefix of the chain: it stops at the first
    /// younger record) and moves the anchor to the last one deleted, so the rest still verifies.
    /// </summary>
    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            // In slices, so one purge never holds the writer (and every waiting access) for long.
            var purged = await _store.WriteAsync(db =>
            {
                var records = Records(db);
                var old = records.Query().OrderBy("_id").Limit(5000).ToEnumerable().TakeWhile(r => r.Time < cutoff).ToList();
                if (old.Count == 0) return 0;
                var last = old[^1];
                db.GetCollection(ChainCollection).Upsert(new BsonDocument
                {
                    ["_id"] = AnchorId,
                    ["Sequence"] = last.Id,
                    ["Hash"] = last.Hash,
                    ["Time"] = last.Time.UtcDateTime,
                });
                return records.DeleteMany(Query.LTE("_id", last.Id));
            }, cancellationToken);
            total += purged;
            if (purged == 0) return total;
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
}

/// <param name="Intact">True when every record chains to the one before and matches its hash.</param>
/// <param name="Verified">Records verified before the first broken one (all of them when intact).</param>
/// <param name="FirstBroken">Sequence number of the first record that does not fit.</param>
/// <param name="AnchoredAt">Sequence of the last purged record the chain starts from, if records were purged.</param>
public sealed record AuditVerification(bool Intact, long Verified, long? FirstBroken, string Message, long? AnchoredAt);

public sealed record AuditFilter(string? Caller = null, string? Purpose = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Subject = null);

public sealed record AuditPage(int Page, int PageSize, int Total, IReadOnlyList<AuditRecord> Items);
