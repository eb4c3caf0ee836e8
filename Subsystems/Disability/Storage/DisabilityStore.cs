using IntegrationHub.Extracts.Storage;
using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.Disability.Storage;

/// <summary>The module's collections in <c>disability.db</c>; writes go through the durable store's group commit.</summary>
public sealed class DisabilityStore : IDisposable
{
    public const string FileName = "disability.db";

    private const string LookupsCollection = "lookups";
    private const string LookupRefusalsCollection = "lookup_refusals";

    public DisabilityStore(DurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Durable = store;
        var db = store.Database;
        Cases = db.GetCollection<CaseDocument>("cases");
        Lookups = db.GetCollection<LookupDocument>(LookupsCollection);
        LookupRefusals = db.GetCollection<LookupRefusalDocument>(LookupRefusalsCollection);
        Appeals = db.GetCollection<AppealDocument>("appeals");
        Appeals.EnsureIndex(a => a.Fin);
        Appeals.EnsureIndex(a => a.Status);
        Cases.EnsureIndex(c => c.Fin);
        Cases.EnsureIndex(c => c.Status);
        Cases.EnsureIndex("idCard", "$.Person.IdCardNumber");
        // The shared extract mechanism's collections (extracts, verifications), in this file.
        Extracts = new LiteDbExtractStore(store);
        // Indexes at open also create the collections before any reader meets them (DurableStore.CreateCollections).
        Lookups.EnsureIndex(l => l.IdCardNumber);
        Lookups.EnsureIndex(l => l.At);
        LookupRefusals.EnsureIndex(r => r.To);
    }

    public DurableStore Durable { get; }

    public ILiteCollection<CaseDocument> Cases { get; }

    /// <summary>Appeals against exam results, keyed by the appealed referral.</summary>
    public ILiteCollection<AppealDocument> Appeals { get; }

    /// <summary>The extracts issued and their verifications (Hub/Infrastructure/Extracts).</summary>
    public IExtractStore Extracts { get; }

    public ILiteCollection<LookupDocument> Lookups { get; }

    public ILiteCollection<LookupRefusalDocument> LookupRefusals { get; }

    /// <summary>Runs a durable write against this store's collections (see <see cref="DurableStore.WriteAsync{T}"/>).</summary>
    public Task<T> WriteAsync<T>(Func<DisabilityStore, T> write, CancellationToken cancellationToken = default) =>
        Durable.WriteAsync(_ => write(this), cancellationToken);

    /// <summary>Cases of a person's ID card, newest first by result.</summary>
    public IEnumerable<CaseDocument> CasesByIdCard(string idCardNumber) =>
        Cases.Find(Query.EQ("$.Person.IdCardNumber", idCardNumber));

    public void Dispose() => Durable.Dispose();
}
