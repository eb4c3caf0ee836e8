using System.Collections.Concurrent;
using System.Net.Http.Json;
using IntegrationHub.Mocks.Admin;
using IntegrationHub.Mocks.LifeEvents;

namespace IntegrationHub.Mocks.Tests.Admin;

/// <summary>The testers' life events, over HTTP on the mock server's admin port: the country changes and its agencies tell a hub.</summary>
public sealed class MockLifeEventsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Post_Death_RegisterShowsItAndSignedEventIsSentAgainUntilTaken()
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        await using var admin = await MockAdminServer.StartAsync(country);
        using var http = new HttpClient { BaseAddress = new Uri(admin.Url) };
        // A hub that is down once, then takes the event.
        var hub = new RecordingHub(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted);
        country.Events.Connect(new HttpClient(hub) { BaseAddress = new Uri("http://hub.test") });
        var ct = TestContext.Current.CancellationToken;
        var fin = country.Population.Samples()[0].Fin;

        var response = await http.PostAsJsonAsync("/mocks/life-events", new { kind = "death", fin }, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single((await response.Content.ReadFromJsonAsync<List<SentEventView>>(Json, ct))!);
        Assert.Equal(("population", "death"), (sent.Agency, sent.Kind));
        Assert.Equal([fin], sent.Fins);
        using var register = new HttpClient { BaseAddress = new Uri(country["population"].Url) };
        var person = await register.GetFromJsonAsync<JsonElement>($"/api/v2/persons/{fin}", ct);
        Assert.True(person.GetProperty("isDead").GetBoolean());

        var delivered = await WaitForAsync(() => country.Events.Sent.Single().State == "delivered", ct);
        Assert.True(delivered, $"the event was not delivered: {country.Events.Sent.Single().State}, {country.Events.Sent.Single().LastError}");
        Assert.Equal(2, country.Events.Sent.Single().Attempts);
        Assert.Equal(2, hub.Received.Count);
        // The same bytes, the same signature, each time: a repeat is the same event to the hub.
        Assert.Single(hub.Received.Select(r => r.Body).Distinct());
        var (body, key, signature, contentType) = hub.Received.First();
        Assert.Equal(AgencyEventSigner.KeyId("population"), key);
        Assert.False(string.IsNullOrEmpty(signature));
        Assert.Equal("application/cloudevents+json", contentType);
        using var cloudEvent = JsonDocument.Parse(body);
        Assert.Equal("1.0", cloudEvent.RootElement.GetProperty("specversion").GetString());
        Assert.Equal("urn:az:gov:population", cloudEvent.RootElement.GetProperty("source").GetString());
        Assert.Equal("az.gov.population.death", cloudEvent.RootElement.GetProperty("type").GetString());
        Assert.Equal(fin, cloudEvent.RootElement.GetProperty("data").GetProperty("persons")[0].GetString());
    }

    [Fact]
    public async Task Post_HubRefuses_NotSentAgain()
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        await using var admin = await MockAdminServer.StartAsync(country);
        using var http = new HttpClient { BaseAddress = new Uri(admin.Url) };
        var hub = new RecordingHub(HttpStatusCode.Forbidden);
        country.Events.Connect(new HttpClient(hub) { BaseAddress = new Uri("http://hub.test") });
        var ct = TestContext.Current.CancellationToken;

        (await http.PostAsJsonAsync("/mocks/life-events", new { kind = "move", fin = Adult(country) }, ct)).EnsureSuccessStatusCode();

        Assert.True(await WaitForAsync(() => country.Events.Sent.Single().State == "refused", ct));
        Assert.Equal(1, country.Events.Sent.Single().Attempts);
        var listed = await http.GetFromJsonAsync<List<SentEventView>>("/mocks/life-events", Json, ct);
        Assert.Equal(403, Assert.Single(listed!).LastStatus);
    }

    [Theory]
    [InlineData("{\"kind\":\"promotion\",\"fin\":\"X\"}", 400, "invalid-life-event-kind", "kind")]
    [InlineData("{\"kind\":\"death\"}", 400, "invalid-fin", "fin")]
    [InlineData("{\"kind\":\"death\",\"fin\":\"NOBODY1\"}", 404, "unknown-person", "fin")]
    [InlineData("{\"kind\":\"death\",\"fin\":\"{fin}\",\"date\":\"14.03.2026\"}", 400, "invalid-date", "date")]
    [InlineData("{\"kind\":", 400, "malformed-json", null)]
    public async Task Post_BadRequest_ProblemWithStableCodeAndNothingChanges(string body, int status, string code, string? field)
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        await using var admin = await MockAdminServer.StartAsync(country);
        using var http = new HttpClient { BaseAddress = new Uri(admin.Url) };
        var version = country.Population.Version;

        var response = await http.PostAsync("/mocks/life-events",
            new StringContent(body.Replace("{fin}", Adult(country), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.TryGetProperty("field", out var f) ? f.GetString() : null);
        Assert.Equal(version, country.Population.Version);
        Assert.Empty(country.Events.Sent);
    }

    [Fact]
    public async Task Post_DeathOfTheDead_Conflict()
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        await using var admin = await MockAdminServer.StartAsync(country);
        using var http = new HttpClient { BaseAddress = new Uri(admin.Url) };
        var ct = TestContext.Current.CancellationToken;
        var fin = Adult(country);
        (await http.PostAsJsonAsync("/mocks/life-events", new { kind = "death", fin }, ct)).EnsureSuccessStatusCode();

        var again = await http.PostAsJsonAsync("/mocks/life-events", new { kind = "death", fin }, ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("life-event-not-applicable", (await again.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("code").GetString());
        Assert.Single(country.Events.Sent);
    }

    [Fact]
    public void ClockTick_ChangesTheCountryAndQueuesItsEvents()
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 60));
        using var clock = new LifeEventClock(country.Population, country.Events, TimeProvider.System, TimeSpan.FromDays(1));
        var version = country.Population.Version;

        var sent = clock.Tick();

        Assert.NotEmpty(sent);
        Assert.Equal(1, clock.Changes);
        Assert.True(country.Population.Version > version);
        Assert.All(sent, e => Assert.Equal("pending", e.State));
    }

    private static string Adult(MockCountry country) => country.Population.Samples()[0].Fin;

    private static async Task<bool> WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return condition();
            }
        }
        return true;
    }

    /// <summary>A stand-in for the hub's door that answers with the given statuses in turn (the last one from then on) and keeps what it got.</summary>
    private sealed class RecordingHub(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _calls;

        public ConcurrentQueue<(string Body, string? Key, string? Signature, string? ContentType)> Received { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Received.Enqueue((body, request.Headers.TryGetValues("X-Agency-Key", out var k) ? k.Single() : null,
                request.Headers.TryGetValues("X-Agency-Signature", out var s) ? s.Single() : null, request.Content.Headers.ContentType?.MediaType));
            var call = Interlocked.Increment(ref _calls);
            var status = statuses[Math.Min(call, statuses.Length) - 1];
            return new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.Accepted ? "{\"changeId\":\"" + Guid.NewGuid() + "\"}" : "{}") };
        }
    }
}
