using System.Data.Common;
using Npgsql;

namespace IntegrationHub.Storage.Postgres;

/// <summary>
/// The PostgreSQL database every shared store of this process uses: one pooled <see cref="NpgsqlDataSource"/>, and the
/// schema, migrated once per process before a store touches it (<see cref="EnsureSchemaAsync"/>; tried again after a
/// failure, so a hub started while the database is down catches up when it comes back).
/// </summary>
public sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // A down database must fail a request quickly, not hold it for the default 15 s.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        Name = builder.Database ?? builder.Username ?? "postgres";
        Endpoint = $"{builder.Host}:{builder.Port}";
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        builder.Pooling = false;
        _dedicated = builder.ConnectionString;
    }

    private readonly string _dedicated;

    /// <summary>
    /// A connection of its own, outside the pool, opened: for a session that holds an advisory lock for as long as it
    /// is open (a pooled one would keep the lock after its dispose, idle in the pool).
    /// </summary>
    public async Task<NpgsqlConnection> OpenDedicatedAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_dedicated);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            await connection.DisposeAsync();
            throw Unavailable(e);
        }
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The database's name (for the health check; no password, no user).</summary>
    public string Name { get; }

    /// <summary>Host and port.</summary>
    public string Endpoint { get; }

    /// <summary>An open connection, or <see cref="StorageUnavailableException"/> when the database cannot be reached.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// A read on a connection of the pool, answered synchronously as the embedded files' reads are (the stores' read
    /// methods are synchronous), or <see cref="StorageUnavailableException"/>.
    /// </summary>
    public T Read<T>(Func<NpgsqlConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            // Migrated at start (SchemaMigration): this waits only when the database was down then.
            EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var connection = DataSource.OpenConnection();
            return read(connection);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed before it returns, or <see cref="StorageUnavailableException"/>.</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Migrates the schema unless this process did already.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_migrated) return;
        await _migrating.WaitAsync(cancellationToken);
        try
        {
            if (_migrated) return;
            await MigrateAsync(cancellationToken);
            _migrated = true;
        }
        finally
        {
            _migrating.Release();
        }
    }

    /// <summary>
    /// Applies every migration the database lacks, in order, each in a transaction with its version, under an
    /// advisory lock (an instance starting at the same time waits, then finds nothing left to do). Returns the
    /// versions before and after.
    /// </summary>
    public async Task<(int Before, int After)> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawAsync(cancellationToken);
        try
        {
            await Execute(connection, $"select pg_advisory_lock({PostgresSchema.MigrationLock})", cancellationToken);
            try
            {
                await Execute(connection, "create table if not exists schema_versions (version int primary key, name text not null, applied timestamptz not null default now())", cancellationToken);
                var before = await CurrentVersionAsync(connection, cancellationToken);
                foreach (var (version, name, sql) in PostgresSchema.Migrations.Where(m => m.Version > before))
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await Execute(connection, sql, cancellationToken);
                    await using (var record = new NpgsqlCommand("insert into schema_versions (version, name) values ($1, $2)", connection))
                    {
                        record.Parameters.Add(new NpgsqlParameter { Value = version });
                        record.Parameters.Add(new NpgsqlParameter { Value = name });
                        await record.ExecuteNonQueryAsync(cancellationToken);
                    }
                    await transaction.CommitAsync(cancellationToken);
                }
                return (before, await CurrentVersionAsync(connection, cancellationToken));
            }
            finally
            {
                await Execute(connection, $"select pg_advisory_unlock({PostgresSchema.MigrationLock})", CancellationToken.None);
            }
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>The schema version the database has (0 before the first migration), or <see cref="StorageUnavailableException"/>.</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawAsync(cancellationToken);
        try
        {
            return await CurrentVersionAsync(connection, cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("select to_regclass('schema_versions') is not null", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true) return 0;
        }
        await using var command = new NpgsqlCommand("select coalesce(max(version), 0) from schema_versions", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="e"/> says the database could not be reached or failed (not a bug of ours).</summary>
    public static bool IsUnavailable(Exception e) => e is NpgsqlException or DbException or TimeoutException or System.Net.Sockets.SocketException or IOException;

    public StorageUnavailableException Unavailable(Exception e) =>
        e as StorageUnavailableException ?? new StorageUnavailableException($"The PostgreSQL database {Name} at {Endpoint} is unavailable: {e.Message}", e);

    public void Dispose()
    {
        DataSource.Dispose();
        _migrating.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        _migrating.Dispose();
    }
}
