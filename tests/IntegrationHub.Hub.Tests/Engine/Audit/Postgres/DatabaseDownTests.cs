using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Tests.Api;

namespace IntegrationHub.Hub.Tests.Engine.Audit.Postgres;

/// <summary>
/// The hub on PostgreSQL when the database cannot be reached (a closed port: what a stopped server looks like): it starts,
/// returns no profile it cannot audit and says so (503 <c>audit-unavailable</c>), answers the audit views and the
/// statistics and the life events (the agencies' door, the operators' lists) with 503 <c>storage-unavailable</c>, never a 500, and its readiness names the database as unreachable.
/// </summary>
public sealed class DatabaseDownTests : IAsyncLifetime
{
    private HubFactory? _hub;

    private HubFactory Hub => _hub!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port={closed};Username=hub;Database=integrationhub;Timeout=2",
        }, households: 40);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Profile_NotReturned_503AuditUnavailable()
    {
        var applicant = Hub.Country.Population.Samples()[0].Fin;

        using var response = await Hub.PostProfileAsync(applicant);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(RefusalCodes.AuditUnavailable, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task AuditViews_503StorageUnavailable_NotA500()
    {
        var fin = Hub.Country.Population.Samples()[0].Fin;

        using var records = await Hub.CreateClient("auditor").GetAsync("/api/v1/audit/records", Token);
        using var own = await Hub.CitizenClient(fin).GetAsync($"/api/v1/audit/citizens/{fin}/accesses", Token);

        foreach (var response in new[] { records, own })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(Problems.StorageUnavailable, (await Problem.ReadAsync(response)).Code);
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }

    [Fact]
    public async Task LifeEvents_503StorageUnavailable_NotA500()
    {
        var (body, contentType) = LifeEventsApiTests.DeathOf(Hub.Country.Population.Samples()[0].Fin, "pop-db-down-1", Hub.Time.GetUtcNow());

        // The agency is not told 202 for an event that is not stored: it sends it again later.
        using var sent = await Hub.CreateClient().SendAsync(LifeEventsApiTests.Signed(body, contentType), Token);
        using var listed = await Hub.CreateClient("operator").GetAsync("/api/v1/life-events?state=failed", Token);

        foreach (var response in new[] { sent, listed })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(Problems.StorageUnavailable, (await Problem.ReadAsync(response)).Code);
        }
    }

    [Fact]
    public async Task Readiness_NamesTheDatabaseUnreachable()
    {
        using var response = await Hub.CreateClient().GetAsync("/health/ready", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var database = body.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.False(database.GetProperty("data").GetProperty("reachable").GetBoolean());
        Assert.Equal("integrationhub", database.GetProperty("data").GetProperty("database").GetString());
        Assert.DoesNotContain("Username", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }
}

/// <summary>The database health check on a reachable server: its name, reachable, and the schema version migrated at start.</summary>
public sealed class DatabaseHealthTests : IAsyncLifetime
{
    private PostgresServer? _server;
    private HubFactory? _hub;

    public async ValueTask InitializeAsync()
    {
        _server = await PostgresServer.CreateDatabaseAsync();
        _hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = _server.ConnectionString,
        }, households: 40);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    [Fact]
    public async Task Readiness_ReportsTheDatabaseReachableAtTheSchemaVersion()
    {
        using var response = await _hub!.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var database = body.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.True(database.GetProperty("data").GetProperty("reachable").GetBoolean());
        Assert.Equal(IntegrationHub.Storage.Postgres.PostgresSchema.Latest, database.GetProperty("data").GetProperty("schemaVersion").GetInt32());
        Assert.Equal(_server!.Database, database.GetProperty("data").GetProperty("database").GetString());
    }

    [Fact]
    public async Task Profile_AuditedInTheDatabase()
    {
        var applicant = _hub!.Country.Population.Samples()[0].Fin;

        (await _hub.PostProfileAsync(applicant)).EnsureSuccessStatusCode();

        Assert.Equal(1L, await _server!.ExecuteAsync($"select count(*) from audit_records where subjects @> array['{applicant}']"));
    }
}
