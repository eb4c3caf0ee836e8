using IntegrationHub.Hub.Security;

namespace IntegrationHub.Hub.Tests.Security;

public sealed class ApiKeyAuthenticationTests(ApiKeyAuthenticationTests.RotatingHub hub) : IClassFixture<ApiKeyAuthenticationTests.RotatingHub>
{
    /// <summary>A hub where the assistance caller is mid-rotation: its old development key and a new one both work.</summary>
    public sealed class RotatingHub() : IAsyncDisposable
    {
        public const string NewKey = "rotated-assistance-key-2026";

        public HubFactory Factory { get; } = new(new Dictionary<string, string?>
        {
            ["Trust:Callers:assistance:KeyHashes:1"] = ApiKeyAuthenticationHandler.Hash(NewKey),
        }, households: 40);

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private static object Body(string applicant) => new { applicant, purpose = "targeted-social-assistance", caseNumber = "AUTH-1" };

    private string AnyApplicant => hub.Factory.Country.Population.Households[0].Members[0].Fin;

    private async Task<HttpResponseMessage> PostAsync(Action<HttpClient> setUp)
    {
        var client = hub.Factory.CreateClient();
        setUp(client);
        return await client.PostAsJsonAsync("/api/v1/profiles", Body(AnyApplicant), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task NoKey_Is401_AuthenticationRequired()
    {
        var response = await PostAsync(_ => { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication-required", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task UnknownKey_Is401_InvalidApiKey()
    {
        var response = await PostAsync(c => c.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key-anyone-holds"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid-api-key", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task KnownCallerWithoutTheSubsystemRole_Is403_Forbidden()
    {
        var response = await PostAsync(c => c.DefaultRequestHeaders.Add("X-Api-Key", "dev-auditor-key"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await Problem.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData("dev-assistance-key")]
    [InlineData(RotatingHub.NewKey)]
    public async Task DuringRotation_OldAndNewKeyBothWork(string key)
    {
        var response = await PostAsync(c => c.DefaultRequestHeaders.Add("X-Api-Key", key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Hash_IsLowerCaseHexSha256()
    {
        // What `echo -n dev-assistance-key | sha256sum` prints, so operators can hash keys with standard tools.
        Assert.Equal("c990f9c0ad94cfc80027579184a969378b91407dabe87d8aff6ee7eca8f141ed", ApiKeyAuthenticationHandler.Hash("dev-assistance-key"));
    }
}

public sealed class CallerConfigurationTests
{
    [Fact]
    public async Task AMalformedKeyHash_StopsStartUp_NamingTheSetting()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Trust:Callers:operator:KeyHashes:0"] = "plaintext-key-by-mistake",
        }, households: 40);

        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());

        Assert.Contains("Trust:Callers:operator:KeyHashes", error.ToString(), StringComparison.Ordinal);
    }
}
