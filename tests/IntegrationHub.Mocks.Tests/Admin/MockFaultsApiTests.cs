using System.Net.Http.Json;
using IntegrationHub.Mocks.Admin;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Mocks.Tests.Admin;

/// <summary>The testers' fault switchboard, over HTTP on the mock server's admin port.</summary>
public sealed class MockFaultsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Put_SlowFault_AgencyAnswersLateUntilDeleted()
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        await using var admin = await MockAdminServer.StartAsync(country);
        using var http = new HttpClient { BaseAddress = new Uri(admin.Url) };
        var ct = TestContext.Current.CancellationToken;

        var put = await http.PutAsJsonAsync("/mocks/faults/tax", new { kind = "slow", delayMs = 250 }, ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(new FaultPlan(FaultKind.Slow, 250, 0, 1), country["tax"].Faults.Current);
        var listed = await http.GetFromJsonAsync<List<FaultState>>("/mocks/faults", Json, ct);
        Assert.Equal("Slow", listed!.Single(s => s.Agency == "tax").Kind);

        var deleted = await http.DeleteAsync("/mocks/faults/tax", ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(FaultKind.None, country["tax"].Faults.Current.Kind);
    }

    [Fact]
    public async Task Put_Down_ThenDelete_AgencyStopsAndRestarts()
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        await using var admin = await MockAdminServer.StartAsync(country);
        using var http = new HttpClient { BaseAddress = new Uri(admin.Url) };
        var ct = TestContext.Current.CancellationToken;

        (await http.PutAsJsonAsync("/mocks/faults/land", new { kind = "down" }, ct)).EnsureSuccessStatusCode();
        Assert.False(country["land"].IsRunning);
        (await http.DeleteAsync("/mocks/faults/land", ct)).EnsureSuccessStatusCode();
        Assert.True(country["land"].IsRunning);
    }

    [Theory]
    [InlineData("tax", "{\"kind\":\"sluggish\"}", 400, "invalid-fault-kind", "kind")]
    // Enum.TryParse reads a comma list as the OR of its names: down | slow is server-error.
    [InlineData("tax", "{\"kind\":\"down,slow\"}", 400, "invalid-fault-kind", "kind")]
    [InlineData("tax", "{\"kind\":\"none\",\"kind\":\"down\"}", 400, "malformed-json", null)]
    [InlineData("tax", "{\"delayMs\":10}", 400, "missing-fault-kind", "kind")]
    [InlineData("tax", "{\"kind\":\"slow\"}", 400, "invalid-delay", "delayMs")]
    [InlineData("tax", "{\"kind\":\"slow\",\"delayMs\":-5}", 400, "invalid-delay", "delayMs")]
    [InlineData("tax", "{\"kind\":\"server-error\",\"count\":-1}", 400, "invalid-count", "count")]
    [InlineData("tax", "{\"kind\":\"rateLimited\",\"retryAfterSeconds\":99999}", 400, "invalid-retry-after", "retryAfterSeconds")]
    [InlineData("tax", "{\"kind\":", 400, "malformed-json", null)]
    [InlineData("tax", "{\"kind\":3}", 400, "malformed-json", null)]
    [InlineData("no-such-agency", "{\"kind\":\"down\"}", 404, "unknown-agency", "agency")]
    public async Task Put_BadRequest_ProblemWithStableCode(string agency, string body, int status, string code, string? field)
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        await using var admin = await MockAdminServer.StartAsync(country);
        using var http = new HttpClient { BaseAddress = new Uri(admin.Url) };

        var response = await http.PutAsync($"/mocks/faults/{agency}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.TryGetProperty("field", out var f) ? f.GetString() : null);
        Assert.All(country.Agencies, a => Assert.Equal(FaultKind.None, a.Faults.Current.Kind));
    }
}
