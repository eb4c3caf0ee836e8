using System.Linq.Expressions;
using LiteDB;

namespace IntegrationHub.Assistance.Applications.Storage;

/// <summary>
/// The embedded default: <c>assistance.db</c>, a <see cref="DurableStore"/> owned by one process. Writes run one at a
/// time on its writer thread, so a write never meets another; due records are not taken (nobody else takes them).
/// </summary>
public sealed class LiteDbAssistanceDatabase : IAssistanceDatabase
{
    private readonly DurableStore _store;

    public LiteDbAssistanceDatabase(string path, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        _store = new DurableStore(new DurableStoreOptions(path), logger);
        var db = _store.Database;
        db.GetCollection<ApplicationRecord>(AssistanceStore.Applications).EnsureIndex(a => a.IdempotencyKey);
        db.GetCollection<ApplicationRecord>(AssistanceStore.Applications).EnsureIndex(a => a.ContentHash);
        db.GetCollection<ApplicationRecord>(AssistanceStore.Applications).EnsureIndex(a => a.NextAttemptAt);
        db.GetCollection<ApplicationRecord>(AssistanceStore.Applications).EnsureIndex(a => a.Status);
        db.GetCollection<ApplicationRecord>(AssistanceStore.Applications).EnsureIndex(a => a.Applicant);
        db.GetCollection<OutboxRecord>(AssistanceStore.Outbox).EnsureIndex(o => o.SentAt);
        db.GetCollection<ApplicationRecord>(AssistanceStore.Applications).EnsureIndex(HouseholdIndex, "$.Household[*]");
        db.GetCollection<DecisionRecord>(AssistanceStore.Decisions).EnsureIndex(d => d.ApplicationNumber);
        db.GetCollection<ReEvaluationRecord>(AssistanceStore.ReEvaluations).EnsureIndex(r => r.NextAttemptAt);
        db.GetCollection<ReEvaluationRecord>(AssistanceStore.ReEvaluations).EnsureIndex(r => r.ApplicationNumber);
        db.GetCollection<OfferRecord>(AssistanceStore.Offers).EnsureIndex(o => o.Fin);
        db.GetCollection<ContestRecord>(AssistanceStore.Contests).EnsureIndex(c => c.ApplicationNumber);
        db.GetCollection<ContestRecord>(AssistanceStore.Contests).EnsureIndex(c => c.State);
        db.GetCollection<ContestRecord>(AssistanceStore.Contests).EnsureIndex(c => c.CorrectionNextAt);
        db.GetCollection<AppealRecord>(AssistanceStore.Appeals).EnsureIndex(a => a.ApplicationNumber);
        db.GetCollection<AppealRecord>(AssistanceStore.Appeals).EnsureIndex(a => a.State);
        _store.CreateCollections(AssistanceStore.Decisions, AssistanceStore.RuleSets, AssistanceStore.Counters, AssistanceStore.Changes, AssistanceStore.Documents);
        Reader = new Documents(db);
    }

    private const string HouseholdIndex = "household";

    public IAssistanceDocuments Reader { get; }

    public Task<T> WriteAsync<T>(Func<IAssistanceDocuments, T> write, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(db => write(new Documents(db)), cancellationToken);

    public IReadOnlyList<T> TakeDue<T>(DueQuery<T> query, DateTimeOffset now, int max) where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        var collection = _store.Database.GetCollection<T>(query.Collection);
        if (query.Pending is null)
        {
            return collection.Find(Query.Between(query.Field, new BsonValue(DateTime.MinValue), new BsonValue(now.UtcDateTime)))
                .OrderBy(query.Due).Take(max).ToList();
        }
        return collection.Find(query.Pending).Where(d => query.Due(d) <= now)
            .OrderBy(d => query.Order is null ? query.Due(d) : query.Order(d)).Take(max).ToList();
    }

    public DateTimeOffset? NextDue<T>(DueQuery<T> query) where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        var collection = _store.Database.GetCollection<T>(query.Collection);
        return query.Pending is null
            ? collection.Find(Query.GTE(query.Field, new BsonValue(DateTime.MinValue))).Select(query.Due).Min()
            : collection.Find(query.Pending).Select(query.Due).Min();
    }

    public void Dispose() => _store.Dispose();

    private sealed class Documents(LiteDatabase db) : IAssistanceDocuments
    {
        public IDocuments<T> GetCollection<T>(string name) where T : class => new Collection<T>(db.GetCollection<T>(name));
    }

    private sealed class Collection<T>(ILiteCollection<T> collection) : IDocuments<T> where T : class
    {
        public T? FindById(string id) => collection.FindById(id);

        public IEnumerable<T> Find(Expression<Func<T, bool>> predicate) => collection.Find(predicate);

        public T? FindOne(Expression<Func<T, bool>> predicate) => collection.FindOne(predicate);

        public IEnumerable<T> FindAll() => collection.FindAll();

        public bool Exists(Expression<Func<T, bool>> predicate) => collection.Exists(predicate);

        public int Count(Expression<Func<T, bool>> predicate) => collection.Count(predicate);

        public IEnumerable<T> WithElement(string field, string value) =>
            collection.Query().Where($"$.{field}[*] ANY = @0", new BsonValue(value)).ToList();

        public void Insert(T document) => collection.Insert(document);

        public void Update(T document) => collection.Update(document);

        public void Upsert(T document) => collection.Upsert(document);
    }
}
