namespace IntegrationHub.Assistance.Tests.EndToEnd;

/// <summary>A citizen acts as themselves: their token, their applications, nobody else's.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CitizenIdentityTests
{
    private const string Me = "WDT8LT0";
    private const string Other = "3ABVK9J";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Application(string applicant, string channel = "ecabinet") =>
        new { applicant, idCardNumber = "AA1234567", channel = new { kind = channel, address = channel == "sms" ? "+994501234567" : null }, consent = true };

    private static HttpRequestMessage Post(object application, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assistance/applications") { Content = JsonContent.Create(application) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    [Fact]
    public async Task AnotherCitizensApplication_IsRefused_AndOnlyOwnAreListed()
    {
        await using var factory = new AssistanceFactory(households: 30);
        using var me = factory.CitizenClient(Me);
        using var other = factory.CitizenClient(Other);
        using var theirs = await other.SendAsync(Post(Application(Other), "same-key"), Ct);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        var number = (await theirs.Content.ReadFromJsonAsync<AcceptedBody>(AssistanceFactory.Json, Ct))!.ApplicationNumber;

        using var read = await me.GetAsync($"/api/v1/assistance/applications/{number}", Ct);
        using var forThem = await me.SendAsync(Post(Application(Other, "sms")), Ct);
        using var sameKey = await me.SendAsync(Post(Application(Me), "same-key"), Ct);
        var mine = await me.GetFromJsonAsync<List<StatusBody>>("/api/v1/assistance/applications", AssistanceFactory.Json, Ct);
        var theirList = await other.GetFromJsonAsync<List<StatusBody>>("/api/v1/assistance/applications", AssistanceFactory.Json, Ct);

        // Another person's application reads like one that does not exist.
        Assert.Equal((HttpStatusCode.NotFound, "unknown-application"), (read.StatusCode, (await Problem.ReadAsync(read)).Code));
        var problem = await Problem.ReadAsync(forThem);
        Assert.Equal((HttpStatusCode.Forbidden, "not-your-data", "applicant"), (forThem.StatusCode, problem.Code, problem.Field));
        // An idempotency key is the citizen's own: another's use of it neither returns nor names their application.
        Assert.Equal(HttpStatusCode.Created, sameKey.StatusCode);
        var myNumber = (await sameKey.Content.ReadFromJsonAsync<AcceptedBody>(AssistanceFactory.Json, Ct))!.ApplicationNumber;
        Assert.NotEqual(number, myNumber);
        Assert.Equal([myNumber], mine!.Select(a => a.ApplicationNumber));
        Assert.Equal([number], theirList!.Select(a => a.ApplicationNumber));
    }

    [Fact]
    public async Task CitizenEndpoints_WithoutAToken_Are401_EvenWithASystemKey()
    {
        await using var factory = new AssistanceFactory(households: 30);
        using var anonymous = factory.CreateClient();
        using var system = factory.CreateClient("assistance");

        foreach (var client in new[] { anonymous, system })
        {
            using var submit = await client.SendAsync(Post(Application(Me)), Ct);
            using var list = await client.GetAsync("/api/v1/assistance/applications", Ct);
            using var one = await client.GetAsync("/api/v1/assistance/applications/VEM-2026-000001", Ct);
            Assert.All([submit, list, one], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
            Assert.Equal("authentication-required", (await Problem.ReadAsync(list)).Code);
        }
    }
}
