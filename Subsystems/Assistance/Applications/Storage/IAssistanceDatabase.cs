using System.Linq.Expressions;

namespace IntegrationHub.Assistance.Applications.Storage;

/// <summary>
/// Where <see cref="AssistanceStore"/> keeps its records: the embedded LiteDB file (<see cref="LiteDbAssistanceDatabase"/>,
/// the default, one process) or the shared PostgreSQL database (<see cref="PostgresAssistanceDatabase"/>, several
/// instances). The store's rules are written once against this; each provider makes a write atomic and isolated:
/// a write runs as if no other write, of this or another instance, ran at the same time.
/// </summary>
public interface IAssistanceDatabase : IDisposable
{
    /// <summary>Reads outside a write: each call sees what was committed.</summary>
    IAssistanceDocuments Reader { get; }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction and completes once it is committed durably. It may run more
    /// than once (a group commit redone, a conflict with another instance retried): it must only read and write
    /// through its argument.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IAssistanceDocuments, T> write, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="WriteAsync{T}"/>
    Task WriteAsync(Action<IAssistanceDocuments> write, CancellationToken cancellationToken = default) =>
        WriteAsync(db => { write(db); return true; }, cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> records due at <paramref name="now"/>, earliest first, taken for this instance:
    /// on a shared database another instance is not given them until one is written or the take lapses.
    /// </summary>
    IReadOnlyList<T> TakeDue<T>(DueQuery<T> query, DateTimeOffset now, int max) where T : class;

    /// <summary>When the next record of <paramref name="query"/> falls due for this instance (null: none pending).</summary>
    DateTimeOffset? NextDue<T>(DueQuery<T> query) where T : class;
}

/// <summary>The collections, as one write (or the reader) sees them.</summary>
public interface IAssistanceDocuments
{
    IDocuments<T> GetCollection<T>(string name) where T : class;
}

/// <summary>One collection of records keyed by their <c>Id</c>.</summary>
public interface IDocuments<T> where T : class
{
    T? FindById(string id);

    IEnumerable<T> Find(Expression<Func<T, bool>> predicate);

    T? FindOne(Expression<Func<T, bool>> predicate);

    IEnumerable<T> FindAll();

    bool Exists(Expression<Func<T, bool>> predicate);

    int Count(Expression<Func<T, bool>> predicate);

    /// <summary>The records whose list <paramref name="field"/> holds <paramref name="value"/>.</summary>
    IEnumerable<T> WithElement(string field, string value);

    void Insert(T document);

    void Update(T document);

    void Upsert(T document);
}

/// <summary>Records of a collection the workers take when due.</summary>
public interface IDueQuery
{
    string Collection { get; }

    /// <summary>When <paramref name="document"/> falls due; null when it is not pending.</summary>
    DateTimeOffset? DueOf(object document);
}

/// <summary>
/// Records of <paramref name="Collection"/> due by <paramref name="Field"/> (<paramref name="Due"/>); when
/// <paramref name="Pending"/> is given, only those it holds for (ordered by <paramref name="Order"/>, else by due).
/// </summary>
public sealed record DueQuery<T>(
    string Collection, string Field, Func<T, DateTimeOffset?> Due, Expression<Func<T, bool>>? Pending = null, Func<T, DateTimeOffset>? Order = null) : IDueQuery
    where T : class
{
    private readonly Func<T, bool>? _pending = Pending?.Compile();

    public DateTimeOffset? DueOf(object document)
    {
        var typed = (T)document;
        return _pending is null || _pending(typed) ? Due(typed) : null;
    }
}
