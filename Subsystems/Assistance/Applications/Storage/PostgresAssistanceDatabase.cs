using System.Data;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IntegrationHub.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Assistance.Applications.Storage;

/// <summary>
/// The assistance records in the shared database (<c>Storage:Provider=Postgres</c>), so several assistance instances
/// work one set of cases: every record is a row of <c>assistance_documents</c> (its collection, id, the record as
/// jsonb, when it is due, until when an instance has taken it). A write is one <c>serializable</c> transaction, tried
/// again when it meets another instance's (so a case is decided once, a change handled once, a counter never hands out
/// one number twice); the primary key (a decision's id is its application's number, a notice's names its application
/// and kind) and the unique index on an applicant's idempotency key hold even so. Due records are taken with
/// <c>for update skip locked</c> for <see cref="TakeFor"/>: another instance is not given them until they are written
/// or the take lapses (an instance that dies mid-case holds it no longer than that).
/// </summary>
public sealed class PostgresAssistanceDatabase(PostgresDatabase database, TimeSpan? takeFor = null) : IAssistanceDatabase
{
    /// <summary>Tries of a write that keeps meeting other instances' writes before its conflict is reported.</summary>
    private const int MaxAttempts = 64;

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private static readonly Dictionary<string, IDueQuery> Dues = AssistanceStore.DueQueries.ToDictionary(q => q.Collection, StringComparer.Ordinal);

    /// <summary>How long a due record stays taken when not written meanwhile (<see cref="AssistanceOptions.TakeFor"/>).</summary>
    public TimeSpan TakeFor { get; } = takeFor ?? AssistanceOptions.DefaultTakeFor;

    public IAssistanceDocuments Reader => new Documents(this, null);

    public async Task<T> WriteAsync<T>(Func<IAssistanceDocuments, T> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await database.EnsureSchemaAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var result = write(new Documents(this, connection));
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance's write came first: run this one again on what it committed.
            }
            catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
            {
                throw database.Unavailable(e);
            }
        }
    }

    public IReadOnlyList<T> TakeDue<T>(DueQuery<T> query, DateTimeOffset now, int max) where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        var taken = Run(null, connection =>
        {
            using var command = new NpgsqlCommand(
                "update assistance_documents set taken_until = $3 where collection = $1 and id in (" +
                "select id from assistance_documents where collection = $1 and due <= $2 and (taken_until is null or taken_until <= $2) " +
                "order by due limit $4 for update skip locked) returning doc", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Collection });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = (now + TakeFor).ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
            return Read<T>(command);
        });
        return taken.OrderBy(d => query.Order is null ? query.Due(d) : query.Order(d)).ToList();
    }

    public DateTimeOffset? NextDue<T>(DueQuery<T> query) where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run(null, connection =>
        {
            // A record another instance has taken is due for this one when the take lapses.
            using var command = new NpgsqlCommand(
                "select min(greatest(due, coalesce(taken_until, due))) from assistance_documents where collection = $1 and due is not null", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Collection });
            return command.ExecuteScalar() is DateTime next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        });
    }

    /// <summary>The database is the host's; nothing of this one's to close.</summary>
    public void Dispose()
    {
    }

    /// <summary>Runs <paramref name="work"/> on the write's connection, or on one of its own (a read).</summary>
    private TResult Run<TResult>(NpgsqlConnection? connection, Func<NpgsqlConnection, TResult> work)
    {
        if (connection is not null) return work(connection);
        try
        {
            database.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var own = database.DataSource.OpenConnection();
            return work(own);
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw database.Unavailable(e);
        }
    }

    private static List<T> Read<T>(NpgsqlCommand command)
    {
        var documents = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) documents.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
        return documents;
    }

    private sealed class Documents(PostgresAssistanceDatabase owner, NpgsqlConnection? connection) : IAssistanceDocuments
    {
        public IDocuments<T> GetCollection<T>(string name) where T : class => new Collection<T>(owner, connection, name);
    }

    private sealed class Collection<T>(PostgresAssistanceDatabase owner, NpgsqlConnection? connection, string name) : IDocuments<T> where T : class
    {
        private static readonly Func<T, string> IdOf = typeof(T).GetProperty("Id")!.GetGetMethod()!.CreateDelegate<Func<T, string>>();

        private const string Select = "select doc from assistance_documents where collection = $1";

        public T? FindById(string id) => Query(Select + " and id = $2", id).FirstOrDefault();

        public IEnumerable<T> Find(Expression<Func<T, bool>> predicate)
        {
            ArgumentNullException.ThrowIfNull(predicate);
            // The equalities the predicate holds to narrow the rows by the jsonb index; the predicate itself decides.
            var filter = Containment.Of(predicate, Json);
            var candidates = filter is null ? FindAll() : Query(Select + " and doc @> $2::jsonb order by id", filter);
            return candidates.Where(predicate.Compile()).ToList();
        }

        public T? FindOne(Expression<Func<T, bool>> predicate) => Find(predicate).FirstOrDefault();

        public IEnumerable<T> FindAll() => Query(Select + " order by id");

        public bool Exists(Expression<Func<T, bool>> predicate) => Find(predicate).Any();

        public int Count(Expression<Func<T, bool>> predicate) => Find(predicate).Count();

        public IEnumerable<T> WithElement(string field, string value) =>
            Query(Select + " and doc @> $2::jsonb order by id", new JsonObject { [field] = new JsonArray(value) }.ToJsonString());

        public void Insert(T document) => Write("insert into assistance_documents (collection, id, doc, due) values ($1, $2, $3, $4)", document);

        // Written: no longer taken by whoever took it (it is due again by its new time).
        public void Update(T document) => Write("update assistance_documents set doc = $3, due = $4, taken_until = null where collection = $1 and id = $2", document);

        public void Upsert(T document) => Write(
            "insert into assistance_documents (collection, id, doc, due) values ($1, $2, $3, $4) " +
            "on conflict (collection, id) do update set doc = excluded.doc, due = excluded.due, taken_until = null", document);

        private List<T> Query(string sql, string? second = null) => owner.Run(connection, c =>
        {
            using var command = new NpgsqlCommand(sql, c);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            if (second is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = second });
            return Read<T>(command);
        });

        private void Write(string sql, T document)
        {
            ArgumentNullException.ThrowIfNull(document);
            var due = Dues.TryGetValue(name, out var query) ? query.DueOf(document) : null;
            owner.Run(connection, c =>
            {
                using var command = new NpgsqlCommand(sql, c);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = IdOf(document) });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(document, Json) });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = due is { } d ? d.ToUniversalTime() : DBNull.Value });
                return command.ExecuteNonQuery();
            });
        }
    }

    /// <summary>The field equalities a predicate requires (<c>a.Applicant == fin &amp;&amp; …</c>) as a jsonb containment filter.</summary>
    private static class Containment
    {
        public static string? Of<T>(Expression<Func<T, bool>> predicate, JsonSerializerOptions json)
        {
            var filter = new JsonObject();
            Collect(predicate.Body, predicate.Parameters[0], filter, json);
            return filter.Count == 0 ? null : filter.ToJsonString();
        }

        private static void Collect(Expression e, ParameterExpression parameter, JsonObject filter, JsonSerializerOptions json)
        {
            if (e is BinaryExpression { NodeType: ExpressionType.AndAlso } both)
            {
                Collect(both.Left, parameter, filter, json);
                Collect(both.Right, parameter, filter, json);
                return;
            }
            if (e is not BinaryExpression { NodeType: ExpressionType.Equal } equal) return;
            var (field, other) = FieldOf(equal.Left, parameter) is { } left ? (left, equal.Right) : (FieldOf(equal.Right, parameter), equal.Left);
            if (field is null || !TryValue(other, out var value) || value is null) return;
            var type = Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType;
            if (type.IsEnum) value = Enum.ToObject(type, value);
            else if (type != typeof(string) && type != typeof(bool) && type != typeof(int) && type != typeof(long)) return;
            filter[field.Name] = JsonSerializer.SerializeToNode(value, type, json);
        }

        private static PropertyInfo? FieldOf(Expression e, ParameterExpression parameter)
        {
            while (e is UnaryExpression { NodeType: ExpressionType.Convert } convert) e = convert.Operand;
            return e is MemberExpression { Member: PropertyInfo property, Expression: var target } && target == parameter ? property : null;
        }

        /// <summary>The value of a constant or of a captured variable (a field of a closure, a property of a constant).</summary>
        private static bool TryValue(Expression e, out object? value)
        {
            while (e is UnaryExpression { NodeType: ExpressionType.Convert } convert) e = convert.Operand;
            value = null;
            switch (e)
            {
                case ConstantExpression constant:
                    value = constant.Value;
                    return true;
                case MemberExpression member:
                    object? target = null;
                    if (member.Expression is not null && !TryValue(member.Expression, out target)) return false;
                    switch (member.Member)
                    {
                        case FieldInfo f:
                            value = f.GetValue(target);
                            return true;
                        case PropertyInfo p:
                            value = p.GetValue(target);
                            return true;
                        default:
                            return false;
                    }
                default:
                    return false;
            }
        }
    }
}
