using System.Security.Cryptography;
using IntegrationHub.Hub.Commands;
using IntegrationHub.Hub.Security;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationHub.Hub.Tests.Security;

public sealed class PersonTokenTests(PersonTokenTests.TokenHub hub) : IClassFixture<PersonTokenTests.TokenHub>
{
    /// <summary>A hub on a fake clock whose issuer is mid-rotation: the development key and a new one are both trusted.</summary>
    public sealed class TokenHub : IAsyncDisposable
    {
        public TokenHub()
        {
            var rotated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            RotatedKey = new ECDsaSecurityKey(rotated) { KeyId = "rotated-2027" };
            Factory = new HubFactory(new Dictionary<string, string?>
            {
                ["Trust:Tokens:SigningKeys:1:Id"] = "rotated-2027",
                ["Trust:Tokens:SigningKeys:1:PublicKey"] = Convert.ToBase64String(rotated.ExportSubjectPublicKeyInfo()),
            }, households: 40, time: Clock);
        }

        public FakeTimeProvider Clock { get; } = HubFactory.ClockToday();

        public ECDsaSecurityKey RotatedKey { get; }

        public HubFactory Factory { get; }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private const string Fin = "WDT8LT0";
    private const string Path = "/api/v1/audit/citizens/" + Fin + "/accesses";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> GetAsync(string? token)
    {
        var client = hub.Factory.CreateClient();
        if (token is not null) client.WithToken(token);
        return client.GetAsync(Path, Ct);
    }

    private string Mint(SecurityKey key, string issuer = DevelopmentTokens.Issuer, string audience = People.ShippedAudience, PersonTokenRequest? person = null) =>
        DevelopmentTokens.Mint(person ?? People.Citizen(Fin), key, issuer, audience, hub.Clock.GetUtcNow(), TimeSpan.FromMinutes(10));

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_Is401_AuthenticationRequired()
    {
        await AssertRefusedAsync(await GetAsync(null), "authentication-required");
    }

    [Fact]
    public async Task OwnToken_IsAnswered()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(People.Token(hub.Factory.Services, People.Citizen(Fin)))).StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Is401_TokenExpired()
    {
        var token = People.Token(hub.Factory.Services, People.Citizen(Fin), TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);

        hub.Clock.Advance(TimeSpan.FromMinutes(11));

        await AssertRefusedAsync(await GetAsync(token), PersonTokens.TokenExpired);
    }

    [Fact]
    public async Task TokenSignedByAnUnknownKey_Is401_TokenUntrustedSignature()
    {
        var stranger = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = DevelopmentTokens.KeyId };

        await AssertRefusedAsync(await GetAsync(Mint(stranger)), PersonTokens.TokenUntrustedSignature);
    }

    [Fact]
    public async Task TokenForAnotherAudience_Is401_TokenWrongAudience()
    {
        await AssertRefusedAsync(await GetAsync(Mint(DevelopmentTokens.SigningKey(), audience: "another-service")), PersonTokens.TokenWrongAudience);
    }

    [Fact]
    public async Task TokenFromAnotherIssuer_Is401_TokenWrongIssuer()
    {
        await AssertRefusedAsync(await GetAsync(Mint(DevelopmentTokens.SigningKey(), issuer: "https://sso.elsewhere.example")), PersonTokens.TokenWrongIssuer);
    }

    [Theory]
    [InlineData("not-a-token", PersonTokens.InvalidToken)]
    // alg "none": no signature at all is no trusted signature.
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJXRFQ4TFQwIiwicm9sZSI6ImNpdGl6ZW4ifQ.", PersonTokens.TokenUntrustedSignature)]
    public async Task MalformedOrUnsignedToken_Is401(string token, string code)
    {
        await AssertRefusedAsync(await GetAsync(token), code);
    }

    [Theory]
    [InlineData("citizen", "not-a-fin", null)]
    [InlineData("caseworker", "has spaces", null)]
    [InlineData("clinic-doctor", "dr-1", null)]
    [InlineData("superuser", "root", null)]
    public async Task TokenWhoseClaimsMakeNoSense_Is401_InvalidToken(string role, string subject, string? clinic)
    {
        var response = await GetAsync(Mint(DevelopmentTokens.SigningKey(), person: new PersonTokenRequest(role, subject, clinic)));

        await AssertRefusedAsync(response, PersonTokens.InvalidToken);
    }

    [Fact]
    public async Task DuringRotation_TokensOfTheOldAndTheNewKeyBothWork()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Mint(DevelopmentTokens.SigningKey()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Mint(hub.RotatedKey))).StatusCode);
    }

    [Fact]
    public async Task TokenCommand_MintsATokenTheHubAccepts()
    {
        var output = new StringWriter();
        var messages = new StringWriter();

        var exit = TokenCommand.Run(["citizen", Fin], output, messages, hub.Clock);

        Assert.Equal(0, exit);
        var token = output.ToString().Trim().Split('\n')[^1];
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        Assert.Contains("Authorization: Bearer", messages.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("citizen", "NOTAFIN")]
    [InlineData("clinic-doctor", "dr-1")]
    [InlineData("caseworker", "cw-1", "--clinic", "Somewhere")]
    [InlineData("mayor", "m-1")]
    public void TokenCommand_WrongArguments_Exit2WithUsage(params string[] args)
    {
        var messages = new StringWriter();

        Assert.Equal(2, TokenCommand.Run(args, new StringWriter(), messages, TimeProvider.System));
        Assert.Contains("usage: token", messages.ToString(), StringComparison.Ordinal);
    }
}

public sealed class PersonTokenConfigurationTests
{
    [Theory]
    [InlineData("Trust:Tokens:SigningKeys:0:PublicKey", "not a key", "Trust:Tokens:SigningKeys:0:PublicKey")]
    [InlineData("Trust:Tokens:Audience", "", "Trust:Tokens:Audience")]
    [InlineData("Trust:Tokens:SigningKeys:1:Id", "development-only", "Trust:Tokens:SigningKeys:1:Id")]
    public async Task ABadTokenSetting_StopsStartUp_NamingIt(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Trust:Tokens:SigningKeys:1", StringComparison.Ordinal)) settings["Trust:Tokens:SigningKeys:1:PublicKey"] = DevelopmentTokens.PublicKey;
        await using var hub = new HubFactory(settings, households: 30);

        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
