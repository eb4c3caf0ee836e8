using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.Disability.Storage;

/// <summary>
/// The module's collections in <c>disability.db</c> (the default, one process per data directory); writes go through the
/// durable store's group commit, one at a time, so a read-modify-write inside one sees no other writer.
/// </summary>
public sealed class LiteDbDisabilityStore : IDisabilityStore
{
    public const string FileName = "disability.db";

    private const string LookupsCollection = "lookups";
    private const string LookupRefusalsCollection = "lookup_refusals";

    public LiteDbDisabilityStore(DurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Durable = store;
        var db = store.Database;
        Cases = db.GetCollection<CaseDocument>("cases");
        LookupRecords = db.GetCollection<LookupDocument>(LookupsCollection);
        RefusalRecords = db.GetCollection<LookupRefusalDocument>(LookupRefusalsCollection);
        Appeals = db.GetCollection<AppealDocument>("appeals");
        Appeals.EnsureIndex(a => a.Fin);
        Appeals.EnsureIndex(a => a.Status);
        Cases.EnsureIndex(c => c.Fin);
        Cases.EnsureIndex(c => c.Status);
        Cases.EnsureIndex("idCard", "$.Person.IdCardNumber");
        // The shared extract mechanism's collections (extracts, verifications), in this file.
        Extracts = new LiteDbExtractStore(store);
        // Indexes at open also create the collections before any reader meets them (DurableStore.CreateCollections).
        LookupRecords.EnsureIndex(l => l.IdCardNumber);
        LookupRecords.EnsureIndex(l => l.At);
        RefusalRecords.EnsureIndex(r => r.To);
    }

    /// <summary>The file's group commit (its write counters for the tests).</summary>
    internal DurableStore Durable { get; }

    internal ILiteCollection<CaseDocument> Cases { get; }

    internal ILiteCollection<AppealDocument> Appeals { get; }

    internal ILiteCollection<LookupDocument> LookupRecords { get; }

    internal ILiteCollection<LookupRefusalDocument> RefusalRecords { get; }

    public IExtractStore Extracts { get; }

    public CaseDocument? FindCase(string referralNumber) => Cases.FindById(referralNumber);

    public IReadOnlyList<CaseDocument> CasesOf(string fin) => Cases.Find(c => c.Fin == fin).ToList();

    public IReadOnlyList<CaseDocument> CasesByIdCard(string idCardNumber) => Cases.Find(LiteQueries.Equal("Person.IdCardNumber", idCardNumber)).ToList();

    public IReadOnlyList<string> AwaitingRecords(int max) =>
        Cases.Find(c => c.Status == CaseStatus.AwaitingRecords).OrderBy(c => c.ReceivedAt).Take(max).Select(c => c.ReferralNumber).ToList();

    public Task<bool> AddCaseAsync(CaseDocument c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Write(_ => Cases.FindById(c.ReferralNumber) is null && Cases.Insert(c) is not null, cancellationToken);
    }

    public Task DeleteCaseAsync(string referralNumber, CancellationToken cancellationToken) => Write(_ => Cases.Delete(referralNumber), cancellationToken);

    public Task<CaseDocument?> UpdateCaseAsync(string referralNumber, Func<CaseDocument, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Write(_ =>
        {
            var current = Cases.FindById(referralNumber);
            if (current is not null && change(current)) Cases.Update(current);
            return current;
        }, cancellationToken);
    }

    public AppealDocument? FindAppeal(string referralNumber) => Appeals.FindById(referralNumber);

    public IReadOnlyList<AppealDocument> AppealsOf(string fin) => Appeals.Find(a => a.Fin == fin).ToList();

    public IReadOnlyList<AppealDocument> PendingAppeals() => Appeals.Find(a => a.Status == AppealStatus.Pending).ToList();

    public IReadOnlyList<AppealDocument> AppealsAwaitingSupersede() => Appeals.Find(a => a.SupersedePending).ToList();

    public Task<bool> AddAppealAsync(AppealDocument appeal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return Write(_ => Appeals.FindById(appeal.ReferralNumber) is null && Appeals.Insert(appeal) is not null, cancellationToken);
    }

    public Task<AppealDocument?> UpdateAppealAsync(string referralNumber, Func<AppealDocument, bool> change, CaseDocument? replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Write(_ =>
        {
            var current = Appeals.FindById(referralNumber);
            if (current is null || !change(current)) return current;
            if (replacement is not null)
            {
                Cases.Insert(replacement);
                var first = Cases.FindById(referralNumber);
                first.SupersededBy = replacement.ReferralNumber;
                Cases.Update(first);
            }
            Appeals.Update(current);
            return current;
        }, cancellationToken);
    }

    public Task AddLookupAsync(LookupDocument lookup, CancellationToken cancellationToken) => Write(_ => LookupRecords.Insert(lookup), cancellationToken);

    public IReadOnlyList<DateTimeOffset> CountedLookups(string idCardNumber, DateTimeOffset since) =>
        LookupRecords.Find(LiteQueries.EqualAndAfter(nameof(LookupDocument.IdCardNumber), idCardNumber, nameof(LookupDocument.At), since.UtcDateTime))
            .Where(l => l.Outcome is LookupDocument.Answered or LookupDocument.NoMatch)
            .Select(l => l.At)
            .ToList();

    public IReadOnlyList<LookupDocument> Lookups(DateTimeOffset since) =>
        LookupRecords.Find(Query.GT(nameof(LookupDocument.At), new BsonValue(since.UtcDateTime))).OrderBy(l => l.At).ThenBy(l => l.Id).ToList();

    public Task AddRefusalsAsync(IReadOnlyCollection<LookupRefusalDocument> refusals, CancellationToken cancellationToken) =>
        Write(_ => RefusalRecords.InsertBulk(refusals), cancellationToken);

    public IReadOnlyList<LookupRefusalDocument> Refusals(DateTimeOffset since) =>
        RefusalRecords.Find(Query.GT(nameof(LookupRefusalDocument.To), new BsonValue(since.UtcDateTime))).ToList();

    public async Task<int> PurgeLookupsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = new BsonValue(cutoff.UtcDateTime);
        var total = 0;
        while (true)
        {
            // In slices: one write never holds the file for long.
            var purged = await Write(_ =>
            {
                var lookups = LookupRecords.Find(Query.LT(nameof(LookupDocument.At), before), limit: PurgeSlice).Select(l => new BsonValue(l.Id)).ToList();
                foreach (var id in lookups) LookupRecords.Delete(id);
                var refusals = RefusalRecords.Find(Query.LT(nameof(LookupRefusalDocument.To), before), limit: PurgeSlice).Select(r => new BsonValue(r.Id)).ToList();
                foreach (var id in refusals) RefusalRecords.Delete(id);
                return lookups.Count + refusals.Count;
            }, cancellationToken);
            total += purged;
            if (purged == 0) return total;
        }
    }

    private const int PurgeSlice = 5_000;

    public ILookupLimits CreateLookupLimits(LookupOptions options, TimeProvider time) => new LocalLookupLimits(this, options, time);

    private Task<T> Write<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken) => Durable.WriteAsync(write, cancellationToken);

    public void Dispose() => Durable.Dispose();
}
