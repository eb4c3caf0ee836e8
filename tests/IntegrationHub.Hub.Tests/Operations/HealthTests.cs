using IntegrationHub.Adapters;
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
        Assert.Equal(AgencyCatalog.All.Select(a => a.Agency.Key).Order(), checks.GetProperty("agencies").GetProperty("data").EnumerateObject().Select(p => p.Name).Order());
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
        var client = hub.CreateClient();

        // Profiles until the breaker has seen its two failures: on a loaded machine a profile's deadline can pass
        // before land is called (a cancelled call is no failure of the agency), so the count of profiles is not fixed.
        HttpResponseMessage response = null!;
        JsonElement body = default;
        var land = new List<string>();
        foreach (var household in hub.Country.Population.Households.Take(20))
        {
            using (var answer = await hub.PostProfileAsync(household.Head.Fin))
            {
                if (answer.IsSuccessStatusCode)
                {
                    land.AddRange(hub.DataSets(await HubFactory.ReadProfileAsync(answer), "land").Select(d => $"{d.Status} ({d.Detail})"));
                }
            }
            response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            if (body.GetProperty("status").GetString() != "Healthy") break;
        }

        Assert.True(body.GetProperty("status").GetString() == "Degraded", $"{body}{Environment.NewLine}land answered: {string.Join("; ", land)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Open", body.GetProperty("checks").GetProperty("agencies").GetProperty("data").GetProperty("land").GetString());
    }
}
