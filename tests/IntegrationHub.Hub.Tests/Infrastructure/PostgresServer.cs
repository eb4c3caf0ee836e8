using Npgsql;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// The local PostgreSQL cluster (tests/postgres/start.sh, 127.0.0.1:55432) for the tests of the PostgreSQL path.
/// Each test gets a database of its own, dropped at the end, so no table leaks between tests. Without a server the
/// tests skip and say why, unless INTEGRATIONHUB_REQUIRE_POSTGRES=1 (CI sets it: there the server must be present and
/// the tests run), the same way as <see cref="RabbitMqBroker"/>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const int Port = 55432;

    public static string Admin => $"Host={Host};Port={Port};Username=postgres;Database=postgres;Pooling=false";

    private PostgresServer(string database) => Database = database;

    public string Database { get; }

    public string ConnectionString => $"Host={Host};Port={Port};Username=postgres;Database={Database}";

    /// <summary>Skips the calling test when no server listens, or fails it where one is required.</summary>
    public static void Require() => LocalServer.Require("PostgreSQL server", Host, Port, "INTEGRATIONHUB_REQUIRE_POSTGRES", "tests/postgres/start.sh", "PostgreSQL tests");

    public static bool IsListening() => LocalServer.IsListening(Host, Port);

    /// <summary>A fresh, empty database (skips or fails the test first when there is no server).</summary>
    public static async Task<PostgresServer> CreateDatabaseAsync()
    {
        Require();
        var name = "ih_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new PostgresServer(name);
    }

    /// <summary>Runs <paramref name="sql"/> in the test's database (an intruder's edit, a check).</summary>
    public async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Database} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
