namespace IntegrationHub.Assistance.Tests.EndToEnd;

/// <summary>
/// Bad input is a problem with a stable code, never a 500; every endpoint needs its role. The refused requests share one
/// host (<see cref="SharedAssistance"/>): nothing they send is accepted.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ApiTests(SharedAssistance shared) : IClassFixture<SharedAssistance>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Valid() => new()
    {
        ["applicant"] = "WDT8LT0",
        ["idCardNumber"] = "AA1234567",
        ["members"] = new[] { new { fin = "3ABVK9J", relation = "Spouse" } },
        ["incomes"] = new[] { new { fin = "WDT8LT0", source = "wages", monthlyAmount = 450.5m } },
        ["channel"] = new { kind = "sms", address = "+994 50 123 45 67" },
        ["consent"] = true,
    };

    public static TheoryData<string, object?, string, string> BadApplications => new()
    {
        { "applicant", "WDT8LTO", "invalid-fin", "applicant" },
        { "applicant", null, "invalid-fin", "applicant" },
        { "idCardNumber", "AZE123", "invalid-id-card", "idCardNumber" },
        { "members", new[] { new { fin = "3ABVK9J", relation = "Cousin" } }, "invalid-relation", "members[0].relation" },
        { "members", new[] { new { fin = "3ABVK9J", relation = "Applicant" } }, "invalid-relation", "members[0].relation" },
        // Enum.TryParse would OR these into Parent and OtherRelative.
        { "members", new[] { new { fin = "3ABVK9J", relation = "Spouse,Child" } }, "invalid-relation", "members[0].relation" },
        { "members", new[] { new { fin = "3ABVK9J", relation = "Spouse, Grandchild" } }, "invalid-relation", "members[0].relation" },
        { "members", new[] { new { fin = "3ABVK9J", relation = "2" } }, "invalid-relation", "members[0].relation" },
        { "members", new[] { new { fin = "WDT8LT0", relation = "Spouse" } }, "duplicate-member", "members[0].fin" },
        { "members", new[] { new { fin = "3abvk9j", relation = "Spouse" } }, "invalid-fin", "members[0].fin" },
        { "incomes", new[] { new { fin = "WDT8LT0", source = "lottery", monthlyAmount = 1m } }, "invalid-income", "incomes[0].source" },
        { "incomes", new[] { new { fin = "WDT8LT0", source = "wages", monthlyAmount = -1m } }, "invalid-income", "incomes[0].monthlyAmount" },
        { "incomes", new[] { new { fin = "ZZZZZZ9", source = "wages", monthlyAmount = 1m } }, "invalid-income", "incomes[0].fin" },
        { "channel", new { kind = "fax", address = "1" }, "invalid-channel", "channel.kind" },
        { "channel", null, "invalid-channel", "channel" },
        { "channel", new { kind = "sms", address = "+7 999 123 45 67" }, "invalid-phone", "channel.address" },
        { "channel", new { kind = "email", address = "not an address" }, "invalid-email", "channel.address" },
        { "channel", new { kind = "email", address = "ali\u202Ezz@example.az" }, "invalid-email", "channel.address" },
        { "channel", new { kind = "ecabinet", address = "x@y.az" }, "invalid-channel", "channel.address" },
        { "consent", false, "consent-required", "consent" },
        { "consent", null, "consent-required", "consent" },
    };

    [Theory]
    [MemberData(nameof(BadApplications))]
    public async Task BadApplication_IsAProblemNamingTheFieldAndCode(string field, object? value, string code, string problemField)
    {
        var factory = shared.Assistance;
        var body = Valid();
        body[field] = value;
        using var client = factory.CitizenClient("WDT8LT0");

        using var response = await client.PostAsJsonAsync("/api/v1/assistance/applications", body, Ct);
        var problem = await Problem.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, problem.Code);
        Assert.Equal(problemField, problem.Field);
        Assert.Equal("https://integrationhub.local/problems/" + code, problem.Type);
    }

    [Fact]
    public async Task MalformedJsonAndBadKeys_AreProblemsToo()
    {
        var factory = shared.Assistance;
        using var client = factory.CitizenClient("WDT8LT0");

        using var malformed = await client.PostAsync("/api/v1/assistance/applications", new StringContent("{\"applicant\":", System.Text.Encoding.UTF8, "application/json"), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assistance/applications") { Content = JsonContent.Create(Valid()) };
        request.Headers.Add("Idempotency-Key", new string('k', 101));
        using var badKey = await client.SendAsync(request, Ct);
        using var unknown = await client.GetAsync("/api/v1/assistance/applications/VEM-2026-999999", Ct);
        using var caseworker = factory.PersonClient(People.Caseworker());
        using var notDecided = await caseworker.GetAsync("/api/v1/assistance/decisions/VEM-2026-999999", Ct);

        Assert.Equal("malformed-json", (await Problem.ReadAsync(malformed)).Code);
        Assert.Equal("invalid-idempotency-key", (await Problem.ReadAsync(badKey)).Code);
        Assert.Equal((HttpStatusCode.NotFound, "unknown-application"), (unknown.StatusCode, (await Problem.ReadAsync(unknown)).Code));
        Assert.Equal("unknown-application", (await Problem.ReadAsync(notDecided)).Code);
    }

    /// <summary>
    /// People's endpoints take a person's token with the right role (another role: 403; a system's key is no
    /// credential there: 401).
    /// </summary>
    [Theory]
    [InlineData("POST", "/api/v1/assistance/applications", "person:caseworker", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/assistance/applications", "person:caseworker", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/assistance/applications/VEM-2026-000001", "key:operator", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/assistance/queue", "person:citizen", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/v1/assistance/at-risk", "key:operator", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/assistance/decisions/VEM-2026-000001", "person:citizen", HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/assistance/decisions/VEM-2026-000001/replay", "person:citizen", HttpStatusCode.Forbidden)]
    public async Task Endpoint_WithoutItsRole_IsRefused_AndWithoutCredentialsUnauthorized(string method, string path, string wrongCaller, HttpStatusCode expected)
    {
        var factory = shared.Assistance;
        using var wrong = wrongCaller switch
        {
            "person:caseworker" => factory.PersonClient(People.Caseworker()),
            "person:citizen" => factory.CitizenClient("WDT8LT0"),
            _ => factory.CreateClient(wrongCaller["key:".Length..]),
        };
        using var anonymous = factory.CreateClient();

        using var refused = await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(Valid()) }, Ct);
        using var unauthorized = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(Valid()) }, Ct);

        Assert.Equal(expected, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("authentication-required", (await Problem.ReadAsync(unauthorized)).Code);
    }

    /// <summary>The e-service is counted where an application is accepted, on its channel; the same submission again is no new use.</summary>
    [Fact]
    public async Task Submit_CountsOneUseOfTheEServicePerApplication_NotPerRepeat()
    {
        await using var factory = new AssistanceFactory(households: 50);
        var samples = factory.Country.Population.Samples().Take(3).ToList();
        foreach (var s in samples)
        {
            await factory.SubmitAsync(new { applicant = s.Fin, idCardNumber = s.IdCardNumber, channel = new { kind = "ecabinet" }, consent = true }, idempotencyKey: "once-" + s.Fin);
        }
        var first = samples[0];
        await factory.SubmitAsync(new { applicant = first.Fin, idCardNumber = first.IdCardNumber, channel = new { kind = "ecabinet" }, consent = true }, idempotencyKey: "once-" + first.Fin);

        var report = await factory.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/operations/statistics/e-services", Ct);

        var month = report.GetProperty("months").EnumerateArray().Last();
        var applications = month.GetProperty("eServices").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "assistance-application");
        Assert.Equal(samples.Count, applications.GetProperty("uses").GetInt64());
        Assert.Equal(samples.Count, applications.GetProperty("channels").GetProperty("portal").GetInt64());
    }
}
