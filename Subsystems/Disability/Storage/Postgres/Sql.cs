using IntegrationHub.Storage.Postgres;
using Npgsql;

namespace IntegrationHub.Disability.Storage.Postgres;

/// <summary>The module's few ways of talking to the shared database: a transaction committed before it returns, a read, a command.</summary>
internal static class Sql
{
    /// <summary>A command with positional parameters (<c>$1</c>, <c>$2</c>, …); an <see cref="NpgsqlParameter"/> among the values is taken as it is.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values) command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object?[] values, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed before it returns; a database that cannot be reached is <see cref="IntegrationHub.Storage.StorageUnavailableException"/>.</summary>
    public static Task<T> InTransactionAsync<T>(PostgresDatabase database, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        database.InTransactionAsync(work, cancellationToken);

    /// <summary>
    /// A read, answered synchronously as the embedded file's reads are (the stores' read methods are synchronous), or
    /// <see cref="IntegrationHub.Storage.StorageUnavailableException"/>.
    /// </summary>
    public static List<T> Read<T>(PostgresDatabase database, string sql, object?[] values, Func<NpgsqlDataReader, T> map) =>
        database.Read(connection =>
        {
            using var command = Command(connection, null, sql, values);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(map(reader));
            return rows;
        });
}
