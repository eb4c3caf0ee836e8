using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_IsHealthy_AndReady_CoversStorageBusAndEveryAgency()
    {
        await using var hub = new HubFactory(households: 30);
        var client = hub.CreateClient();

        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var checks = ready.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("storage").GetProperty("status").GetString());
        Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(14, checks.GetProperty("agencies").GetProperty("data").EnumerateObject().Count());
    }

    [Fact]
    public async Task ADeadAgencyWithItsBreakerOpen_MakesTheHubDegraded_ButStillReady()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Agencies:land:BreakerMinimumThroughput"] = "2",
            ["Agencies:land:BreakerFailureRatio"] = "0.5",
            ["Agencies:land:BreakDuration"] = "00:05:00",
        }, households: 30);
        hub.Country["land"].Inject(new FaultPlan(FaultKind.Down));
        foreach (var household in hub.Country.Population.Households.Take(4))
        {
            await hub.PostProfileAsync(household.Head.Fin);
        }

        var response = await hub.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal("Open", body.GetProperty("checks").GetProperty("agencies").GetProperty("data").GetProperty("land").GetString());
    }
}
