using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Engine.LifeEvents.Postgres;
using IntegrationHub.Hub.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Engine.LifeEvents;

/// <summary>
/// Two whole hubs on one PostgreSQL database, configured as a deployment is (<c>Storage:Provider</c> and a connection
/// string): an agency's event sent to both at once is admitted once, passed on once and audited once, and either
/// instance's operators see it.
/// </summary>
public sealed class SharedInboxHostTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Subsystem, PersonChanged Message)> _delivered = new();
    private readonly List<IAsyncDisposable> _hosts = [];
    private PostgresServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await PostgresServer.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts)) await host.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A hub on the shared database whose way out to the subsystems is the test's, shared by both.</summary>
    private (HubFactory Hub, WebApplicationFactory<Program> Host) Instance()
    {
        var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = _server!.ConnectionString,
            ["LifeEvents:PollInterval"] = "00:00:00.100",
        }, households: 40);
        _hosts.Add(hub);
        var host = hub.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPersonChangedDelivery>(new Recorded(_delivered))));
        _hosts.Add(host);
        return (hub, host);
    }

    [Fact]
    public async Task SameEventToTwoInstancesAtOnce_AdmittedPassedOnAndAuditedOnce()
    {
        var (hubA, a) = Instance();
        var (_, b) = Instance();
        Assert.IsType<PostgresLifeEventInbox>(a.Services.GetRequiredService<ILifeEventInbox>());
        var fin = hubA.Country.Population.Samples()[0].Fin;
        var (body, contentType) = LifeEventsApiTests.DeathOf(fin, "pop-shared-1", hubA.Time.GetUtcNow());

        var responses = await Task.WhenAll(new[] { a, b }.Select(h => h.CreateClient().SendAsync(LifeEventsApiTests.Signed(body, contentType), Ct)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Accepted], responses.Select(r => r.StatusCode).Order());
        var accepted = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<LifeEventAccepted>(HubFactory.Json, Ct)));
        var changeId = accepted[0]!.ChangeId;
        Assert.Equal(changeId, accepted[1]!.ChangeId);
        var operatorB = b.CreateClient();
        operatorB.DefaultRequestHeaders.Add("X-Api-Key", "dev-operator-key");
        var seen = await Poll.ReadUntilAsync(
            () => operatorB.GetFromJsonAsync<LifeEventView>($"/api/v1/life-events/{changeId}", HubFactory.Json, Ct),
            v => v!.State == InboxStates.Processed, TimeSpan.FromSeconds(30));
        Assert.True(seen!.State == InboxStates.Processed, $"the event stayed {seen.State} ({seen.LastError})");
        Assert.Equal(["assistance"], seen.DeliveredTo);
        Assert.Equal(changeId, Assert.Single(_delivered).Message.ChangeId);
        var page = await operatorB.GetFromJsonAsync<LifeEventPage>("/api/v1/life-events", HubFactory.Json, Ct);
        Assert.Equal(1, page!.Total);
        var state = await a.CreateClient().GetFromJsonAsync<LifeEventsState>("/api/v1/life-events/state", HubFactory.Json, Ct);
        Assert.Equal(1, Assert.Single(state!.Events).Count);
        var auditor = a.CreateClient();
        auditor.DefaultRequestHeaders.Add("X-Api-Key", "dev-auditor-key");
        var records = await auditor.GetFromJsonAsync<AuditPage>($"/api/v1/audit/records?subject={fin}", HubFactory.Json, Ct);
        Assert.Single(records!.Items, r => r.Purpose == LifeEventProcessor.AuditPurpose);
    }

    private sealed class Recorded(ConcurrentQueue<(string, PersonChanged)> delivered) : IPersonChangedDelivery
    {
        public Task DeliverAsync(string subsystem, PersonChanged message, CancellationToken cancellationToken)
        {
            delivered.Enqueue((subsystem, message));
            return Task.CompletedTask;
        }
    }
}
