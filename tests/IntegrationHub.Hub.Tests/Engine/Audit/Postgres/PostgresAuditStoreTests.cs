using System.Text;
using IntegrationHub.Hub.Commands;
using IntegrationHub.Hub.Engine.Audit.Postgres;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Hub.Tests.Engine.Audit.Postgres;

/// <summary>
/// The audit on a real PostgreSQL server (tests/postgres/start.sh), a database of its own per test: the store contract,
/// and what only a shared store has (several instances' segments in one table, views and verify across them, the
/// schema migrated once when instances start at once, a database that cannot be reached).
/// </summary>
public sealed class PostgresAuditStoreTests : AuditStoreContract
{
    private readonly List<PostgresDatabase> _databases = [];
    private PostgresServer? _server;

    private PostgresServer Server => _server ?? throw new InvalidOperationException("not initialised");

    public override async ValueTask InitializeAsync() => _server = await PostgresServer.CreateDatabaseAsync();

    public override async ValueTask DisposeAsync()
    {
        foreach (var database in _databases) await database.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    private PostgresDatabase Database(string? connectionString = null)
    {
        var database = new PostgresDatabase(connectionString ?? Server.ConnectionString);
        _databases.Add(database);
        return database;
    }

    protected override IAuditStore Open(AuditOptions options) =>
        new PostgresAuditStore(Database(), Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<PostgresAuditStore>.Instance);

    protected override IAuditCheckpointLog CheckpointLog(IAuditStore audit, AuditOptions options) => ((PostgresAuditStore)audit).Checkpoints;

    protected override async Task EditAsync(long sequence, Action<AuditRecord> change)
    {
        var segments = await SegmentsAsync();
        var row = $"segment = '{segments.Single()}' and seq = {sequence}";
        var line = (string)(await Server.ExecuteAsync($"select line from audit_records where {row}"))!;
        var record = AuditRecord.ReadCanonical(Encoding.UTF8.GetBytes(line), "");
        change(record);
        var edited = Encoding.UTF8.GetString(record.Canonical()).Replace("'", "''", StringComparison.Ordinal);
        await Server.ExecuteAsync($"update audit_records set line = '{edited}' where {row}");
    }

    protected override async Task DeleteAsync(long sequence) =>
        await Server.ExecuteAsync($"delete from audit_records where seq = {sequence}");

    protected override string[] VerifyCommand() =>
        ["verify", "--Storage:Provider", "Postgres", "--Storage:ConnectionString", Server.ConnectionString, "--Storage:DataDirectory", DataDirectory.Path];

    private async Task<List<string>> SegmentsAsync()
    {
        var listed = (string?)await Server.ExecuteAsync("select string_agg(distinct segment, ',') from audit_records");
        return listed?.Split(',').ToList() ?? [];
    }

    [Fact]
    public async Task TwoInstances_EachItsOwnSegment_ViewsAndVerifyCoverBoth()
    {
        using var first = (PostgresAuditStore)Open();
        using var second = (PostgresAuditStore)Open();
        for (var i = 1; i <= 5; i++)
        {
            await first.AppendAsync(Entry(i, subjects: "GGGGGG1"), Token);
            await second.AppendAsync(Entry(100 + i, subjects: "GGGGGG1"), Token);
        }
        using var firstCheckpoints = Checkpointer(first, Options);
        using var secondCheckpoints = Checkpointer(second, Options);
        await firstCheckpoints.CheckpointAsync(force: true, Token);
        await secondCheckpoints.CheckpointAsync(force: true, Token);

        Assert.NotEqual(first.Segment, second.Segment);
        Assert.Equal(5, first.Head.Sequence);
        Assert.Equal(5, second.Head.Sequence);
        // Either instance's views list the accesses of both.
        foreach (var audit in new[] { first, second })
        {
            Assert.Equal(10, audit.ProfilesReturnedAbout("GGGGGG1", 50).Count);
            Assert.Equal(10, audit.Find(new AuditFilter(Subject: "GGGGGG1"), 1, 50).Total);
            Assert.Equal(10, audit.Count());
            Assert.Equal([first.Segment, second.Segment], audit.Find(new AuditFilter(), 1, 50).Items.Select(r => r.Segment).Distinct().Order());
        }
        var all = AuditVerifier.VerifyAll(first, firstCheckpoints.File, firstCheckpoints.Key, Options.Retention, Time.GetUtcNow());
        Assert.True(all.Intact, all.Message);
        Assert.Equal(10, all.Verified);
        Assert.Equal(2, all.Segments!.Count);

        // An intruder edits a record of the other instance's segment: the verify of this one names it.
        await Server.ExecuteAsync($"update audit_records set line = replace(line, 'CASE-103', 'CASE-999') where segment = '{second.Segment}' and seq = 3");
        var broken = AuditVerifier.VerifyAll(first, firstCheckpoints.File, firstCheckpoints.Key, Options.Retention, Time.GetUtcNow());
        Assert.False(broken.Intact);
        Assert.Contains($"Segment {second.Segment}: Record 3 of segment {second.Segment}", broken.Message, StringComparison.Ordinal);
        var output = new StringWriter();
        Assert.Equal(1, AuditCommand.Run(VerifyCommand(), output, Time));
        Assert.Contains($"Segment {first.Segment} in {Server.Database}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceGone_ItsSegmentIsTakenBackByTheNextStart_AndItsChainContinues()
    {
        string segment;
        using (var first = (PostgresAuditStore)Open())
        {
            await first.AppendAsync(Entry(1), Token);
            segment = first.Segment;
        }
        using var running = (PostgresAuditStore)Open();
        using var restarted = (PostgresAuditStore)Open();
        await running.AppendAsync(Entry(2), Token);
        // The one still running took the free segment; the restarted one another: two chains, one writer each.
        Assert.Equal(segment, running.Segment);
        Assert.NotEqual(segment, restarted.Segment);
        Assert.Equal(2, running.Head.Sequence);
        Assert.True(running.Verify().Intact);
    }

    [Fact]
    public async Task InstancesStartingAtOnce_MigrateTheSchemaOnce()
    {
        var databases = Enumerable.Range(0, 6).Select(_ => Database()).ToList();

        var results = await Task.WhenAll(databases.Select(d => Task.Run(() => d.MigrateAsync(Token), Token)));

        Assert.All(results, r => Assert.Equal(PostgresSchema.Latest, r.After));
        Assert.Single(results, r => r.Before == 0);
        Assert.Equal((long)PostgresSchema.Migrations.Count, await Server.ExecuteAsync("select count(*) from schema_versions"));
        Assert.Equal(PostgresSchema.Latest, await databases[0].SchemaVersionAsync(Token));
    }

    [Fact]
    public async Task DatabaseUnreachable_AppendAndViewsSayStorageUnavailable_NothingIsAcknowledged()
    {
        // A port nobody listens on: what a stopped server looks like to the hub.
        var closed = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=none;Timeout=2";
        using var audit = new PostgresAuditStore(Database(closed), Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<PostgresAuditStore>.Instance);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => audit.AppendAsync(Entry(1), Token));
        Assert.Throws<StorageUnavailableException>(() => audit.Find(new AuditFilter(), 1, 10));
        Assert.Throws<StorageUnavailableException>(() => audit.ProfilesReturnedAbout("AAAAAA1", 10));
        Assert.Equal(0, audit.Counters.Records);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
