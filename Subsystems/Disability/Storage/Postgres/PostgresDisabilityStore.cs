using System.Text.Json;
using IntegrationHub.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Disability.Storage.Postgres;

/// <summary>
/// The module's state in the shared database (<c>Storage:Provider=Postgres</c>; schema version 2 of
/// <see cref="PostgresSchema"/>), so any number of disability processes serve the same cases: each case and appeal a
/// jsonb document keyed by its referral number, with the columns its queries need; a read-modify-write holds the row
/// (<c>select … for update</c>) for its transaction. Extracts in <see cref="PostgresExtractStore"/>; the lookup limits
/// counted in the database by every instance (<see cref="SharedLookupLimits"/>).
/// </summary>
public sealed class PostgresDisabilityStore : IDisabilityStore
{
    /// <summary>The extract tables' scope for this module's extracts.</summary>
    public const string ExtractScope = "disability";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly PostgresDatabase _database;

    public PostgresDisabilityStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        Extracts = new PostgresExtractStore(database, ExtractScope);
    }

    public IExtractStore Extracts { get; }

    public CaseDocument? FindCase(string referralNumber) =>
        Sql.Read(_database, "select document from disability_cases where referral_number = $1", [referralNumber], r => Parse<CaseDocument>(r)).SingleOrDefault();

    public IReadOnlyList<CaseDocument> CasesOf(string fin) => Sql.Read(_database, "select document from disability_cases where fin = $1", [fin], r => Parse<CaseDocument>(r));

    public IReadOnlyList<CaseDocument> CasesByIdCard(string idCardNumber) =>
        Sql.Read(_database, "select document from disability_cases where id_card = $1", [idCardNumber], r => Parse<CaseDocument>(r));

    public IReadOnlyList<string> AwaitingRecords(int max) =>
        Sql.Read(_database, "select referral_number from disability_cases where status = $1 order by received_at limit $2", [nameof(CaseStatus.AwaitingRecords), max], r => r.GetString(0));

    public Task<bool> AddCaseAsync(CaseDocument c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Sql.InTransactionAsync(_database, async (connection, transaction) => await InsertCaseAsync(connection, transaction, c, cancellationToken) == 1, cancellationToken);
    }

    public Task DeleteCaseAsync(string referralNumber, CancellationToken cancellationToken) =>
        Sql.InTransactionAsync(_database, (connection, transaction) => Sql.ExecuteAsync(connection, transaction, "delete from disability_cases where referral_number = $1", [referralNumber], cancellationToken), cancellationToken);

    public Task<CaseDocument?> UpdateCaseAsync(string referralNumber, Func<CaseDocument, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Sql.InTransactionAsync(_database, async (connection, transaction) =>
        {
            var current = await LockAsync<CaseDocument>(connection, transaction, "select document from disability_cases where referral_number = $1 for update", referralNumber, cancellationToken);
            if (current is not null && change(current)) await WriteCaseAsync(connection, transaction, current, cancellationToken);
            return current;
        }, cancellationToken);
    }

    public AppealDocument? FindAppeal(string referralNumber) =>
        Sql.Read(_database, "select document from disability_appeals where referral_number = $1", [referralNumber], r => Parse<AppealDocument>(r)).SingleOrDefault();

    public IReadOnlyList<AppealDocument> AppealsOf(string fin) => Sql.Read(_database, "select document from disability_appeals where fin = $1", [fin], r => Parse<AppealDocument>(r));

    public IReadOnlyList<AppealDocument> PendingAppeals() =>
        Sql.Read(_database, "select document from disability_appeals where status = $1", [nameof(AppealStatus.Pending)], r => Parse<AppealDocument>(r));

    public IReadOnlyList<AppealDocument> AppealsAwaitingSupersede() =>
        Sql.Read(_database, "select document from disability_appeals where supersede_pending", [], r => Parse<AppealDocument>(r));

    public Task<bool> AddAppealAsync(AppealDocument appeal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return Sql.InTransactionAsync(_database, async (connection, transaction) => await Sql.ExecuteAsync(connection, transaction,
            "insert into disability_appeals (referral_number, fin, status, supersede_pending, document) values ($1, $2, $3, $4, $5) on conflict (referral_number) do nothing",
            [appeal.ReferralNumber, appeal.Fin, appeal.Status.ToString(), appeal.SupersedePending, Document(appeal)], cancellationToken) == 1, cancellationToken);
    }

    public Task<AppealDocument?> UpdateAppealAsync(string referralNumber, Func<AppealDocument, bool> change, CaseDocument? replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Sql.InTransactionAsync(_database, async (connection, transaction) =>
        {
            var current = await LockAsync<AppealDocument>(connection, transaction, "select document from disability_appeals where referral_number = $1 for update", referralNumber, cancellationToken);
            if (current is null || !change(current)) return current;
            if (replacement is not null)
            {
                if (await InsertCaseAsync(connection, transaction, replacement, cancellationToken) != 1)
                {
                    throw new InvalidOperationException($"Case {replacement.ReferralNumber} exists already: the appeal against {referralNumber} was decided before.");
                }
                var first = await LockAsync<CaseDocument>(connection, transaction, "select document from disability_cases where referral_number = $1 for update", referralNumber, cancellationToken)
                    ?? throw new InvalidOperationException($"No case {referralNumber} for its appeal.");
                first.SupersededBy = replacement.ReferralNumber;
                await WriteCaseAsync(connection, transaction, first, cancellationToken);
            }
            await Sql.ExecuteAsync(connection, transaction,
                "update disability_appeals set status = $2, supersede_pending = $3, document = $4 where referral_number = $1",
                [current.ReferralNumber, current.Status.ToString(), current.SupersedePending, Document(current)], cancellationToken);
            return current;
        }, cancellationToken);
    }

    public Task AddLookupAsync(LookupDocument lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return Sql.InTransactionAsync(_database, (connection, transaction) => InsertLookupAsync(connection, transaction, lookup, cancellationToken), cancellationToken);
    }

    public IReadOnlyList<DateTimeOffset> CountedLookups(string idCardNumber, DateTimeOffset since) =>
        Sql.Read(_database, "select at from disability_lookups where id_card = $1 and at > $2 and outcome in ('answered', 'no-match') order by at", [idCardNumber, since],
            r => r.GetFieldValue<DateTimeOffset>(0));

    public IReadOnlyList<LookupDocument> Lookups(DateTimeOffset since) =>
        Sql.Read(_database, "select id, at, channel, client, id_card, outcome from disability_lookups where at > $1 order by at, id", [since], r => new LookupDocument
        {
            Id = r.GetGuid(0),
            At = r.GetFieldValue<DateTimeOffset>(1),
            Channel = r.GetString(2),
            Client = r.GetString(3),
            IdCardNumber = r.GetString(4),
            Outcome = r.GetString(5),
        });

    public Task AddRefusalsAsync(IReadOnlyCollection<LookupRefusalDocument> refusals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        return Sql.InTransactionAsync(_database, async (connection, transaction) =>
        {
            foreach (var r in refusals)
            {
                await Sql.ExecuteAsync(connection, transaction,
                    "insert into disability_lookup_refusals (id, from_at, to_at, channel, client, limit_name, count) values ($1, $2, $3, $4, $5, $6, $7)",
                    [r.Id, r.From, r.To, r.Channel, r.Client, r.Limit, r.Count], cancellationToken);
            }
            return refusals.Count;
        }, cancellationToken);
    }

    public IReadOnlyList<LookupRefusalDocument> Refusals(DateTimeOffset since) =>
        Sql.Read(_database, "select id, from_at, to_at, channel, client, limit_name, count from disability_lookup_refusals where to_at > $1 order by to_at, id", [since], r => new LookupRefusalDocument
        {
            Id = r.GetGuid(0),
            From = r.GetFieldValue<DateTimeOffset>(1),
            To = r.GetFieldValue<DateTimeOffset>(2),
            Channel = r.GetString(3),
            Client = r.GetString(4),
            Limit = r.GetString(5),
            Count = r.GetInt64(6),
        });

    public Task<int> PurgeLookupsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        Sql.InTransactionAsync(_database, async (connection, transaction) =>
        {
            var lookups = await Sql.ExecuteAsync(connection, transaction, "delete from disability_lookups where at < $1", [cutoff], cancellationToken);
            var refusals = await Sql.ExecuteAsync(connection, transaction, "delete from disability_lookup_refusals where to_at < $1", [cutoff], cancellationToken);
            // The limits' own rows: windows that ended long ago, cards with no lookup left to count.
            await Sql.ExecuteAsync(connection, transaction, "delete from disability_lookup_windows where started < $1", [cutoff], cancellationToken);
            await Sql.ExecuteAsync(connection, transaction,
                "delete from disability_lookup_cards c where not exists (select 1 from disability_lookups l where l.id_card = c.card)", [], cancellationToken);
            return lookups + refusals;
        }, cancellationToken);

    public ILookupLimits CreateLookupLimits(LookupOptions options, TimeProvider time) => new SharedLookupLimits(this, options, time);

    /// <summary>
    /// Counts an attempt of <paramref name="key"/> in its fixed window (started by its first attempt) in one upsert, which
    /// holds the key's row: instances counting at once each see the other's count. Null when within <paramref name="limit"/>.
    /// </summary>
    internal Task<TimeSpan?> TryWindowAsync(string key, int limit, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken) =>
        Sql.InTransactionAsync(_database, async (connection, transaction) =>
        {
            await using var command = Sql.Command(connection, transaction, """
                insert into disability_lookup_windows (key, started, count) values ($1, $2, 1)
                on conflict (key) do update set
                    started = case when disability_lookup_windows.started <= $2 - $3 then $2 else disability_lookup_windows.started end,
                    count = case when disability_lookup_windows.started <= $2 - $3 then 1 else disability_lookup_windows.count + 1 end
                returning started, count
                """, [key, now, window]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var started = reader.GetFieldValue<DateTimeOffset>(0);
            return reader.GetInt32(1) <= limit ? (TimeSpan?)null : started + window - now;
        }, cancellationToken);

    /// <summary>
    /// Counts and records a lookup of a card in one transaction holding the card's row: the count is the card's counted
    /// records of the last <paramref name="window"/>, so two instances looking the card up at once never both take its last
    /// lookup. Null when let through (and recorded).
    /// </summary>
    internal Task<TimeSpan?> TryCardAsync(LookupDocument lookup, int limit, TimeSpan window, CancellationToken cancellationToken) =>
        Sql.InTransactionAsync(_database, async (connection, transaction) =>
        {
            await Sql.ExecuteAsync(connection, transaction,
                "insert into disability_lookup_cards (card) values ($1) on conflict (card) do update set card = excluded.card", [lookup.IdCardNumber], cancellationToken);
            var counted = new List<DateTimeOffset>();
            await using (var command = Sql.Command(connection, transaction,
                "select at from disability_lookups where id_card = $1 and at > $2 and outcome in ('answered', 'no-match') order by at", [lookup.IdCardNumber, lookup.At - window]))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) counted.Add(reader.GetFieldValue<DateTimeOffset>(0));
            }
            if (counted.Count >= limit) return counted[0] + window - lookup.At;
            await InsertLookupAsync(connection, transaction, lookup, cancellationToken);
            return (TimeSpan?)null;
        }, cancellationToken);

    private static Task<int> InsertLookupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LookupDocument l, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction, "insert into disability_lookups (id, at, channel, client, id_card, outcome) values ($1, $2, $3, $4, $5, $6)",
            [l.Id, l.At, l.Channel, l.Client, l.IdCardNumber, l.Outcome], cancellationToken);

    private static Task<int> InsertCaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseDocument c, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction,
            "insert into disability_cases (referral_number, fin, status, id_card, received_at, document) values ($1, $2, $3, $4, $5, $6) on conflict (referral_number) do nothing",
            [c.ReferralNumber, c.Fin, c.Status.ToString(), (object?)c.Person?.IdCardNumber ?? DBNull.Value, c.ReceivedAt, Document(c)], cancellationToken);

    private static Task<int> WriteCaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseDocument c, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, transaction, "update disability_cases set fin = $2, status = $3, id_card = $4, document = $5 where referral_number = $1",
            [c.ReferralNumber, c.Fin, c.Status.ToString(), (object?)c.Person?.IdCardNumber ?? DBNull.Value, Document(c)], cancellationToken);

    private static async Task<T?> LockAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string key, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = Sql.Command(connection, transaction, sql, [key]);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<T>(json, Json) : null;
    }

    private static NpgsqlParameter Document<T>(T document) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(document, Json) };

    private static T Parse<T>(NpgsqlDataReader reader) => JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!;

    // The data source is the process's (PostgresDatabase), disposed with the container.
    public void Dispose() { }
}
