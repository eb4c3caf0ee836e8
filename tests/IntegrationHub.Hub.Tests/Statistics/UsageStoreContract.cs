using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Storage;
using IntegrationHub.Storage.Postgres;

namespace IntegrationHub.Hub.Tests.Statistics;

/// <summary>What every store of the operations statistics must do, run against each provider: per-instance tallies, summed on read, none lost when instances add at once.</summary>
public abstract class UsageStoreContract : IAsyncLifetime
{
    private static readonly StatisticsMonth March = new(2026, 3);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IUsageStore Store { get; }

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();

    private static UsageCount Count(string key, string channel, long count, string month = "2026-03") => new(UsageSeries.EServices, key, channel, month, count);

    [Fact]
    public async Task Add_SeveralInstances_ReadSumsThemPerKeyChannelAndMonth()
    {
        await Store.AddAsync("a", [Count("k1", "portal", 2), Count("k1", "call-centre", 1), Count("k2", "portal", 5, "2026-02")], Ct);
        await Store.AddAsync("b", [Count("k1", "portal", 3)], Ct);
        await Store.AddAsync("a", [Count("k1", "portal", 4)], Ct);

        var march = await Store.ReadAsync(UsageSeries.EServices, March, March, Ct);

        Assert.Equal(9, march.Single(c => c.Key == "k1" && c.Channel == "portal").Count);
        Assert.Equal(1, march.Single(c => c.Key == "k1" && c.Channel == "call-centre").Count);
        Assert.DoesNotContain(march, c => c.Key == "k2");
        Assert.Empty(await Store.ReadAsync(UsageSeries.Profiles, March, March, Ct));
        Assert.True(await Store.HoldsAnyAsync("b", Ct));
        Assert.False(await Store.HoldsAnyAsync("c", Ct));
    }

    [Fact]
    public async Task Add_InstancesAtOnce_NoCountIsLost()
    {
        // Two instances (and two flushes of one instance) adding to the same key at the same time.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Store.AddAsync(i % 3 == 0 ? "a" : "b", [Count("k", "portal", 1)], Ct), Ct)));

        var march = await Store.ReadAsync(UsageSeries.EServices, March, March, Ct);

        Assert.Equal(40, march.Single(c => c.Key == "k").Count);
    }
}

public sealed class LiteDbUsageStoreTests : UsageStoreContract
{
    private readonly ScratchDirectory _directory = new("usage-store-");
    private LiteDbUsageStore? _store;

    protected override IUsageStore Store => _store!;

    public override ValueTask InitializeAsync()
    {
        _store = new LiteDbUsageStore(_directory.File("statistics.db"));
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _store?.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresUsageStoreTests : UsageStoreContract
{
    private PostgresServer? _server;
    private PostgresDatabase? _database;
    private PostgresUsageStore? _store;

    protected override IUsageStore Store => _store!;

    public override async ValueTask InitializeAsync()
    {
        _server = await PostgresServer.CreateDatabaseAsync();
        _database = new PostgresDatabase(_server.ConnectionString);
        _store = new PostgresUsageStore(_database);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
