using IntegrationHub.Storage.Postgres;
using Npgsql;

namespace IntegrationHub.Statistics.Storage;

/// <summary>
/// The counts in the shared database's <c>usage_tallies</c> (<c>Storage:Provider=Postgres</c>): each instance adds to
/// rows of its own (an upsert that adds, in one transaction per flush), and a read sums every instance's rows, so
/// instances flushing at once never lose each other's counts.
/// </summary>
public sealed class PostgresUsageStore(PostgresDatabase database) : IUsageStore
{
    public async Task AddAsync(string instance, IReadOnlyCollection<UsageCount> increments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentNullException.ThrowIfNull(increments);
        if (increments.Count == 0) return;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var increment in increments)
            {
                var add = new NpgsqlBatchCommand(
                    "insert into usage_tallies (instance, series, key, channel, month, count) values ($1, $2, $3, $4, $5, $6) " +
                    "on conflict (instance, series, key, channel, month) do update set count = usage_tallies.count + excluded.count");
                add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance });
                add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = increment.Series });
                add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = increment.Key });
                add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = increment.Channel });
                add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = increment.Month });
                add.Parameters.Add(new NpgsqlParameter<long> { TypedValue = increment.Count });
                batch.BatchCommands.Add(add);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw database.Unavailable(e);
        }
    }

    public async Task<IReadOnlyList<UsageCount>> ReadAsync(string series, StatisticsMonth from, StatisticsMonth to, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var query = new NpgsqlCommand(
                "select key, channel, month, sum(count)::bigint from usage_tallies where series = $1 and month between $2 and $3 group by key, channel, month", connection);
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = series });
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = from.ToString() });
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = to.ToString() });
            var counts = new List<UsageCount>();
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) counts.Add(new UsageCount(series, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            return counts;
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw database.Unavailable(e);
        }
    }

    public async Task<bool> HoldsAnyAsync(string instance, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var query = new NpgsqlCommand("select exists (select 1 from usage_tallies where instance = $1)", connection);
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = instance });
            return await query.ExecuteScalarAsync(cancellationToken) is true;
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw database.Unavailable(e);
        }
    }
}
