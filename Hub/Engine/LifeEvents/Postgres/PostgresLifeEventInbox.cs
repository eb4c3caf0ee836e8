using IntegrationHub.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Hub.Engine.LifeEvents.Postgres;

/// <summary>
/// The inbox all hub instances share (<c>Storage:Provider=Postgres</c>): a row of <c>life_events</c> per event, the
/// event as jsonb beside the columns the queries look for. The primary key (agency, event id) admits an event once
/// whichever instance receives it; due events are taken with <c>for update skip locked</c> and their next attempt moved
/// on by <see cref="TakeFor"/>, so no two instances pass one on at once, and an instance that dies holding one holds it
/// no longer than that. The counts per agency, kind and state are the table's (every instance's).
/// </summary>
public sealed class PostgresLifeEventInbox(PostgresDatabase database, TimeSpan takeFor) : ILifeEventInbox
{
    private const string Columns = "document, next_attempt_at";

    /// <summary>How long a taken event stays taken when not written meanwhile (<see cref="LifeEventOptions.TakeFor"/>).</summary>
    public TimeSpan TakeFor { get; } = takeFor;

    public async Task<AdmissionResult> AdmitAsync(InboxEvent candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            // An insert meeting another instance's of the same event waits for it, then inserts nothing.
            await using (var insert = new NpgsqlCommand(
                "insert into life_events (agency, event_id, change_id, kind, state, received_at, next_attempt_at, document) " +
                "values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (agency, event_id) do nothing", connection, transaction))
            {
                Add(insert, candidate.Agency, candidate.EventId);
                insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = candidate.ChangeId });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = candidate.Kind });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = candidate.State });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = candidate.ReceivedAt.ToUniversalTime() });
                insert.Parameters.Add(Time(candidate.NextAttemptAt));
                insert.Parameters.Add(Document(candidate));
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1) return new AdmissionResult(Admission.Created, candidate);
            }
            await using var known = new NpgsqlCommand($"select {Columns} from life_events where agency = $1 and event_id = $2", connection, transaction);
            Add(known, candidate.Agency, candidate.EventId);
            var stored = (await ReadAsync(known, cancellationToken)).Single();
            return new AdmissionResult(stored.ContentHash == candidate.ContentHash ? Admission.Duplicate : Admission.Conflict, stored);
        }, cancellationToken);
    }

    public InboxEvent? Find(Guid changeId) => database.Read(connection =>
    {
        using var command = new NpgsqlCommand($"select {Columns} from life_events where change_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = changeId });
        return Read(command).SingleOrDefault();
    });

    public async Task<IReadOnlyList<InboxEvent>> TakeDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            // Rows another instance is taking are skipped; one it took is due again only when its take lapses.
            await using var take = new NpgsqlCommand(
                "with due as (select agency, event_id, next_attempt_at from life_events " +
                "where state = $1 and next_attempt_at <= $2 order by next_attempt_at, received_at, agency collate \"C\", event_id collate \"C\" limit $4 for update skip locked) " +
                "update life_events e set next_attempt_at = $3 from due where e.agency = due.agency and e.event_id = due.event_id " +
                "returning e.document, e.next_attempt_at, due.next_attempt_at", connection, transaction);
            take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = InboxStates.Received });
            take.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
            take.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = (now + TakeFor).ToUniversalTime() });
            take.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
            var taken = new List<(DateTimeOffset Due, InboxEvent Event)>();
            await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) taken.Add((reader.GetFieldValue<DateTimeOffset>(2), Map(reader)));
            }
            var due = taken.ToDictionary(t => t.Event.ChangeId, t => t.Due);
            return (IReadOnlyList<InboxEvent>)InboxOrder.Due(taken.Select(t => t.Event), e => due[e.ChangeId]).ToList();
        }, cancellationToken);

    public DateTimeOffset? NextDue() => database.Read(connection =>
    {
        using var command = new NpgsqlCommand("select min(next_attempt_at) from life_events where state = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = InboxStates.Received });
        return command.ExecuteScalar() is DateTime next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : (DateTimeOffset?)null;
    });

    public async Task<InboxEvent?> UpdateAsync(Guid changeId, Func<InboxEvent, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            InboxEvent? stored;
            await using (var select = new NpgsqlCommand($"select {Columns} from life_events where change_id = $1 for update", connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = changeId });
                stored = (await ReadAsync(select, cancellationToken)).SingleOrDefault();
            }
            if (stored is null || !change(stored)) return stored;
            await using var update = new NpgsqlCommand(
                "update life_events set state = $2, next_attempt_at = $3, document = $4 where change_id = $1", connection, transaction);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = changeId });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.State });
            update.Parameters.Add(Time(stored.NextAttemptAt));
            update.Parameters.Add(Document(stored));
            await update.ExecuteNonQueryAsync(cancellationToken);
            return stored;
        }, cancellationToken);
    }

    public InboxPage List(string? state, int page, int pageSize) => database.Read(connection =>
    {
        var where = state is null ? "" : " where state = $1";
        using var count = new NpgsqlCommand("select count(*) from life_events" + where, connection);
        using var select = new NpgsqlCommand(
            $"select {Columns} from life_events{where} order by received_at desc, change_id desc offset {(long)(page - 1) * pageSize} limit {pageSize}", connection);
        if (state is not null)
        {
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state });
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state });
        }
        var total = (long)count.ExecuteScalar()!;
        return new InboxPage(page, pageSize, total, Read(select));
    });

    public IReadOnlyList<InboxCount> Counts() => database.Read(connection =>
    {
        using var command = new NpgsqlCommand(
            "select agency, kind, state, count(*) from life_events group by agency, kind, state order by agency collate \"C\", kind collate \"C\", state collate \"C\"", connection);
        var counts = new List<InboxCount>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) counts.Add(new InboxCount(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        return (IReadOnlyList<InboxCount>)counts;
    });

    private static void Add(NpgsqlCommand command, string agency, string eventId)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = agency });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
    }

    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    private static NpgsqlParameter Document(InboxEvent e) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(e) };

    /// <summary>The event as stored, its next attempt the column's (a take moves the column only).</summary>
    private static InboxEvent Map(NpgsqlDataReader reader)
    {
        var e = JsonSerializer.Deserialize<InboxEvent>(reader.GetString(0))!;
        e.NextAttemptAt = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        return e;
    }

    private static List<InboxEvent> Read(NpgsqlCommand command)
    {
        var events = new List<InboxEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) events.Add(Map(reader));
        return events;
    }

    private static async Task<List<InboxEvent>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<InboxEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) events.Add(Map(reader));
        return events;
    }
}
