using IntegrationHub.Assistance.Applications.Storage;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Storage.Postgres;

namespace IntegrationHub.Assistance.Tests.Applications;

/// <summary>The day the store tests submit on (a Monday), and the calendar they count working days by.</summary>
public static class StoreTests
{
    public static readonly DateTimeOffset Now = new(2020, 6, 15, 9, 0, 0, TimeSpan.Zero);

    public static readonly WorkingCalendar Calendar = new(new CalendarOptions());
}

/// <summary>Where a store contract test keeps its store: each <see cref="Open"/> is a store on the same data, as a restarted (or another) instance sees it.</summary>
public interface IStoreProvider : IAsyncDisposable
{
    AssistanceStore Open();
}

/// <summary>The embedded default: one file in a temporary directory.</summary>
public sealed class LiteDbStoreProvider : IStoreProvider
{
    private readonly ScratchDirectory _directory = new("assistance-store-");

    public AssistanceStore Open() => new(_directory.File("assistance.db"));

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A fresh database of the local cluster (the test skips without one, or fails where CI requires it); each
/// <see cref="Open"/> has a connection pool of its own, like another instance.
/// </summary>
public sealed class PostgresStoreProvider : IStoreProvider
{
    private readonly PostgresServer _server;
    private readonly List<PostgresDatabase> _opened = [];

    private PostgresStoreProvider(PostgresServer server) => _server = server;

    public static async Task<IStoreProvider> CreateAsync() => new PostgresStoreProvider(await PostgresServer.CreateDatabaseAsync());

    public PostgresServer Server => _server;

    public AssistanceStore Open() => Open(null);

    /// <summary>A store whose due records stay taken for <paramref name="takeFor"/>.</summary>
    public AssistanceStore Open(TimeSpan? takeFor)
    {
        var database = new PostgresDatabase(_server.ConnectionString);
        lock (_opened) _opened.Add(database);
        return new AssistanceStore(new PostgresAssistanceDatabase(database, takeFor));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened) await database.DisposeAsync();
        await _server.DisposeAsync();
    }
}
