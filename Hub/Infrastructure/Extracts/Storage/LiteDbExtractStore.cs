using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.Extracts.Storage;

/// <summary>
/// Extracts and verifications as two collections (<c>extracts</c>, <c>verifications</c>) in a module's own
/// <see cref="DurableStore"/> file, written through its group commit. Created, with their indexes, at open.
/// </summary>
public sealed class LiteDbExtractStore : IExtractStore
{
    public const string ExtractsCollection = "extracts";
    public const string VerificationsCollection = "verifications";

    private readonly DurableStore _store;

    public LiteDbExtractStore(DurableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        var extracts = store.Database.GetCollection<ExtractDocument>(ExtractsCollection);
        var verifications = store.Database.GetCollection<VerificationDocument>(VerificationsCollection);
        // Indexes at open also create the collections before any reader meets them (DurableStore.CreateCollections).
        extracts.EnsureIndex(e => e.Fin);
        verifications.EnsureIndex(v => v.Fin);
        verifications.EnsureIndex(v => v.Organisation);
        verifications.EnsureIndex(v => v.Code);
        NameTheReference(store.Database.GetCollection(ExtractsCollection));
        NameTheReference(store.Database.GetCollection(VerificationsCollection));
    }

    private ILiteCollection<ExtractDocument> Extracts => _store.Database.GetCollection<ExtractDocument>(ExtractsCollection);

    private ILiteCollection<VerificationDocument> Verifications => _store.Database.GetCollection<VerificationDocument>(VerificationsCollection);

    public Task AddAsync(IssuedExtract extract, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extract);
        var document = ExtractDocument.Of(extract);
        return _store.WriteAsync(db => db.GetCollection<ExtractDocument>(ExtractsCollection).Insert(document), cancellationToken);
    }

    public Task<bool> ReplaceAsync(IssuedExtract replacement, IReadOnlyCollection<string> superseded, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentNullException.ThrowIfNull(superseded);
        var document = ExtractDocument.Of(replacement);
        return _store.WriteAsync(db =>
        {
            var extracts = db.GetCollection<ExtractDocument>(ExtractsCollection);
            var old = superseded.Select(code => extracts.FindById(code) ?? throw new InvalidOperationException($"No extract {code} to supersede.")).ToList();
            // Writes run one at a time: checked here, no other replacement can slip in between.
            if (old.Any(o => o.SupersededBy is not null)) return false;
            extracts.Insert(document);
            foreach (var o in old)
            {
                o.SupersededBy = replacement.Code;
                o.SupersededAt = at;
                extracts.Update(o);
            }
            return true;
        }, cancellationToken);
    }

    public IssuedExtract? Find(string code) => Extracts.FindById(code)?.ToRecord();

    public IReadOnlyList<IssuedExtract> OfOwner(string fin) => Extracts.Find(e => e.Fin == fin).Select(e => e.ToRecord()).ToList();

    public Task AddVerificationAsync(ExtractVerification verification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var document = VerificationDocument.Of(verification);
        return _store.WriteAsync(db => db.GetCollection<VerificationDocument>(VerificationsCollection).Insert(document), cancellationToken);
    }

    public IReadOnlyList<ExtractVerification> VerificationsOfOwner(string fin) =>
        Verifications.Find(v => v.Fin == fin).Select(v => v.ToRecord()).ToList();

    public IReadOnlyList<ExtractVerification> VerificationsBy(string organisation) =>
        Verifications.Find(v => v.Organisation == organisation).Select(v => v.ToRecord()).ToList();

    /// <summary>
    /// Files written before the mechanism was shared named the reference <c>ReferralNumber</c> (the disability
    /// module's only kind): copied to <c>Reference</c> once, at open, before the store is shared.
    /// </summary>
    private static void NameTheReference(ILiteCollection<BsonDocument> collection)
    {
        foreach (var old in collection.Find(Query.And(Query.EQ("Reference", BsonValue.Null), Query.Not("ReferralNumber", BsonValue.Null))).ToList())
        {
            old["Reference"] = old["ReferralNumber"];
            old.Remove("ReferralNumber");
            collection.Update(old);
        }
    }

    private sealed class ExtractDocument
    {
        [BsonId]
        public string Code { get; set; } = "";
        public string Fin { get; set; } = "";
        public string Reference { get; set; } = "";
        public DateTimeOffset IssuedAt { get; set; }
        public string IssuedThrough { get; set; } = "";
        public string? Content { get; set; }
        public string? SupersededBy { get; set; }
        public DateTimeOffset? SupersededAt { get; set; }

        public static ExtractDocument Of(IssuedExtract e) => new()
        {
            Code = e.Code, Fin = e.Fin, Reference = e.Reference, IssuedAt = e.IssuedAt, IssuedThrough = e.IssuedThrough, Content = e.Content,
            SupersededBy = e.SupersededBy, SupersededAt = e.SupersededAt,
        };

        public IssuedExtract ToRecord() => new(Code, Fin, Reference, IssuedAt, IssuedThrough, Content, SupersededBy, SupersededAt);
    }

    private sealed class VerificationDocument
    {
        [BsonId]
        public Guid Id { get; set; }
        public string Code { get; set; } = "";
        public string Fin { get; set; } = "";
        public string Reference { get; set; } = "";
        public string Organisation { get; set; } = "";
        public DateTimeOffset At { get; set; }
        public string? Status { get; set; }

        public static VerificationDocument Of(ExtractVerification v) => new()
        {
            Id = v.Id, Code = v.Code, Fin = v.Fin, Reference = v.Reference, Organisation = v.Organisation, At = v.At, Status = v.Status,
        };

        public ExtractVerification ToRecord() => new(Id, Code, Fin, Reference, Organisation, At, Status ?? ExtractStatus.Valid);
    }
}
