using IntegrationHub.Extracts.Storage;
using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.Employment.Registry;

/// <summary>
/// The registry in <c>employment.db</c> under the data directory (the embedded default): one LiteDB file written through
/// the shared durable store (one writer, group commit, fsync before any write completes). Collections are created, with
/// their indexes, at open.
/// </summary>
public sealed class LiteDbEmploymentStore : IEmploymentStore
{
    public const string FileName = "employment.db";

    private const string Contracts = "contracts";
    private const string Keys = "idempotency";
    private const string Sequences = "sequences";
    private const string Outbox = "outbox";
    private const string Bulks = "bulks";
    private const string Chunks = "bulk_chunks";

    private readonly DurableStore _store;

    public LiteDbEmploymentStore(string path, ILogger? logger = null, int maxBatch = 256)
    {
        var mapper = DurableStore.CreateMapper();
        mapper.Entity<ContractRecord>().Id(c => c.Number, autoId: false);
        mapper.Entity<BulkJob>().Id(j => j.Number, autoId: false);
        mapper.Entity<BulkChunk>().Id(c => c.Id, autoId: false);
        mapper.Entity<IdempotencyDocument>().Id(k => k.Id, autoId: false);
        mapper.Entity<OutboxDocument>().Id(o => o.Id, autoId: false);
        mapper.Entity<SequenceDocument>().Id(s => s.Id, autoId: false);
        _store = new DurableStore(new DurableStoreOptions(path, maxBatch, mapper), logger);
        var db = _store.Database;
        db.GetCollection<ContractRecord>(Contracts).EnsureIndex(c => c.Fin);
        db.GetCollection<ContractRecord>(Contracts).EnsureIndex(c => c.EmployerVoen);
        db.GetCollection<OutboxDocument>(Outbox).EnsureIndex(o => o.Published);
        db.GetCollection<BulkJob>(Bulks).EnsureIndex(j => j.Status);
        _store.CreateCollections(Keys, Sequences, Chunks);
        Extracts = new LiteDbExtractStore(_store);
    }

    public IExtractStore Extracts { get; }

    /// <summary>Commit groups and records written since start (for the bench).</summary>
    public (long Groups, long Records) Counters => _store.Counters;

    public Task<T> TransactAsync<T>(Func<IRegistryTransaction, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _store.WriteAsync(db =>
        {
            // A fresh transaction each run: the write may be run again after its group's rollback.
            var transaction = new Transaction(db);
            var result = work(transaction);
            transaction.Complete();
            return result;
        }, cancellationToken);
    }

    public ContractRecord? FindContract(string number) => _store.Database.GetCollection<ContractRecord>(Contracts).FindById(number);

    public IdempotencyRecord? FindIdempotency(string id) => FindKey(_store.Database, id);

    private static IdempotencyRecord? FindKey(LiteDatabase db, string id) =>
        db.GetCollection<IdempotencyDocument>(Keys).FindById(id) is { } k ? new IdempotencyRecord(k.Id, k.ContentHash, k.Result, k.At) : null;

    public IReadOnlyList<ContractRecord> ContractsOfEmployee(string fin) =>
        _store.Database.GetCollection<ContractRecord>(Contracts).Find(LiteQueries.Equal(nameof(ContractRecord.Fin), fin)).ToList();

    public IReadOnlyList<ContractRecord> ContractsOf(string employerVoen, string fin) => Of(_store.Database, employerVoen, fin);

    public (IReadOnlyList<ContractRecord> Page, int Total) ContractsOfEmployer(string employerVoen, DateOnly? inForceOn, int skip, int take)
    {
        var query = _store.Database.GetCollection<ContractRecord>(Contracts).Query().Where(LiteQueries.Equal(nameof(ContractRecord.EmployerVoen), employerVoen));
        if (inForceOn is { } day)
        {
            var text = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            query = query.Where(Query.LTE(nameof(ContractRecord.StartDate), text))
                .Where(Query.Or(Query.EQ(nameof(ContractRecord.EndDate), BsonValue.Null), Query.GTE(nameof(ContractRecord.EndDate), text)));
        }
        var total = query.Count();
        return (query.OrderBy(c => c.Number).Skip(skip).Limit(take).ToList(), total);
    }

    public IReadOnlyList<PendingEvents> UnpublishedEvents(int max) =>
        _store.Database.GetCollection<OutboxDocument>(Outbox).Find(Query.EQ(nameof(OutboxDocument.Published), false), limit: max)
            .Select(o => new PendingEvents(o.Id, o.Events.Select(e => new ContractEvent(e.Fin, e.Kind, e.Date)).ToList()))
            .ToList();

    public Task MarkPublishedAsync(IReadOnlyList<Guid> ids, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return _store.WriteAsync(db =>
        {
            var outbox = db.GetCollection<OutboxDocument>(Outbox);
            // Published events are not kept: the outbox holds only what is still to be sent.
            foreach (var id in ids) outbox.Delete(id);
        }, cancellationToken);
    }

    public BulkJob? FindBulk(string number) => _store.Database.GetCollection<BulkJob>(Bulks).FindById(number);

    public IReadOnlyList<BulkJob> UnfinishedBulks() =>
        _store.Database.GetCollection<BulkJob>(Bulks).Find(Query.EQ(nameof(BulkJob.Status), BulkStatuses.Working)).OrderBy(j => j.SubmittedAt).ToList();

    public BulkChunk? FindChunk(string bulkNumber, int index) => _store.Database.GetCollection<BulkChunk>(Chunks).FindById(BulkChunk.IdOf(bulkNumber, index));

    public void Dispose() => _store.Dispose();

    private static List<ContractRecord> Of(LiteDatabase db, string employerVoen, string fin) =>
        db.GetCollection<ContractRecord>(Contracts).Find(LiteQueries.Equal(nameof(ContractRecord.Fin), fin, nameof(ContractRecord.EmployerVoen), employerVoen)).ToList();

    private sealed class Transaction(LiteDatabase db) : IRegistryTransaction
    {
        private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
        private readonly List<ContractEvent> _events = [];

        public ContractRecord? FindContract(string number) => db.GetCollection<ContractRecord>(Contracts).FindById(number);

        public IReadOnlyList<ContractRecord> ContractsOf(string employerVoen, string fin) => Of(db, employerVoen, fin);

        public IdempotencyRecord? FindIdempotency(string id) => FindKey(db, id);

        public long Next(string sequence)
        {
            if (!_sequences.TryGetValue(sequence, out var value))
            {
                value = db.GetCollection<SequenceDocument>(Sequences).FindById(sequence)?.Value ?? 0;
            }
            _sequences[sequence] = ++value;
            return value;
        }

        public void Insert(ContractRecord contract) => db.GetCollection<ContractRecord>(Contracts).Insert(contract);

        public void Update(ContractRecord contract) => db.GetCollection<ContractRecord>(Contracts).Update(contract);

        public void Remember(IdempotencyRecord record) =>
            db.GetCollection<IdempotencyDocument>(Keys).Upsert(new IdempotencyDocument { Id = record.Id, ContentHash = record.ContentHash, Result = record.Result, At = record.At });

        public void Publish(ContractEvent change) => _events.Add(change);

        public void Save(BulkJob job) => db.GetCollection<BulkJob>(Bulks).Upsert(job);

        public void Save(BulkChunk chunk) => db.GetCollection<BulkChunk>(Chunks).Upsert(chunk);

        /// <summary>The sequences' new values and one outbox entry for the write's events, in the same commit.</summary>
        public void Complete()
        {
            var sequences = db.GetCollection<SequenceDocument>(Sequences);
            foreach (var (id, value) in _sequences) sequences.Upsert(new SequenceDocument { Id = id, Value = value });
            if (_events.Count == 0) return;
            db.GetCollection<OutboxDocument>(Outbox).Insert(new OutboxDocument
            {
                Id = Guid.CreateVersion7(),
                Published = false,
                Events = _events.Select(e => new OutboxEvent { Fin = e.Fin, Kind = e.Kind, Date = e.Date }).ToList(),
            });
        }
    }

    private sealed class IdempotencyDocument
    {
        public string Id { get; set; } = "";
        public string ContentHash { get; set; } = "";
        public string Result { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }

    private sealed class SequenceDocument
    {
        public string Id { get; set; } = "";
        public long Value { get; set; }
    }

    private sealed class OutboxDocument
    {
        public Guid Id { get; set; }
        public bool Published { get; set; }
        public List<OutboxEvent> Events { get; set; } = [];
    }

    private sealed class OutboxEvent
    {
        public string Fin { get; set; } = "";
        public string Kind { get; set; } = "";
        public DateOnly Date { get; set; }
    }
}
