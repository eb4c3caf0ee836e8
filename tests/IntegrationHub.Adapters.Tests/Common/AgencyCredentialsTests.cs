using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Adapters.Population;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Tests.Shared;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>
/// Each kind of agency credential against a real server that refuses without it: an API-key header, a bearer token
/// from a token endpoint (OAuth 2.0 client credentials), a client certificate (mutual TLS). The population register
/// stands in for any agency: the credentials are the registration's, not the adapter's.
/// </summary>
public sealed class AgencyCredentialsTests
{
    private const string Agency = PopulationRegisterAdapter.Key;
    private const string Pin = "WDT8LT0";

    private const string Person = """
        { "pin": "WDT8LT0", "surname": "Kərimov", "name": "Tural", "patronymic": "Əli oğlu", "birthDate": "1993-02-08",
          "gender": "M", "citizenship": "AZE",
          "document": { "type": "ID_CARD", "number": "AA1412291", "issueDate": "2019-10-29", "expiryDate": "2029-10-29" },
          "registration": { "addressCode": "AD68006452", "region": "Mil-Muğan", "city": "İmişli", "street": "Kənd yolu", "house": "62", "flat": null },
          "isDead": false, "deathDate": null }
        """;

    private static readonly AgencyQuery Query = AgencyQuery.For(new DateOnly(2026, 11, 2));

    // API key

    [Fact]
    public async Task Fetch_ApiKeyRegistryWithoutTheKey_Refused401()
    {
        var key = Secret();
        await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, ApiKeyRequired(key)));
        using var services = Host(registry, []);

        var (status, detail) = await FailureAsync(services);

        Assert.Equal(SourceStatus.Failed, status);
        Assert.Equal("the agency answered HTTP 401", detail);
    }

    [Fact]
    public async Task Fetch_ApiKeyRegistryWithTheKey_ReadsTheRecord()
    {
        var key = Secret();
        await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, ApiKeyRequired(key)));
        using var services = Host(registry, ApiKey(key));

        var identity = await FetchAsync(services);

        Assert.Equal("Tural", identity.GivenName);
    }

    // Bearer token

    [Fact]
    public async Task Fetch_TokenRegistryWithoutAToken_Refused401()
    {
        var issuer = new TokenIssuer();
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        using var services = Host(registry, []);

        var (_, detail) = await FailureAsync(services);

        Assert.Equal("the agency answered HTTP 401", detail);
        Assert.Equal(0, issuer.Issued);
    }

    [Fact]
    public async Task Fetch_WithClientCredentials_OneTokenServesEveryCall()
    {
        var issuer = new TokenIssuer();
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        using var services = Host(registry, issuer.Settings(registry));

        // Twenty calls at once, then three more: one token request between them.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => FetchAsync(services)));
        for (var i = 0; i < 3; i++) await FetchAsync(services);

        Assert.Equal(1, issuer.Issued);
        Assert.Equal(23, issuer.Served);
    }

    [Fact]
    public async Task Fetch_TokenNearItsExpiry_RenewedBeforeItExpires()
    {
        var issuer = new TokenIssuer { ExpiresIn = 300 };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        using var services = Host(registry, issuer.Settings(registry), s => s.AddSingleton<TimeProvider>(time));

        await FetchAsync(services);
        // 300 s of life, renewed 30 s (a tenth) before the end.
        time.Advance(TimeSpan.FromSeconds(269));
        await FetchAsync(services);
        var beforeMargin = issuer.Issued;
        time.Advance(TimeSpan.FromSeconds(2));
        await FetchAsync(services);

        Assert.Equal(1, beforeMargin);
        Assert.Equal(2, issuer.Issued);
        Assert.Equal(0, issuer.Refused);
    }

    [Fact]
    public async Task Fetch_RegistryRevokedTheToken_RenewsOnceAndSucceeds()
    {
        var issuer = new TokenIssuer();
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        using var services = Host(registry, issuer.Settings(registry));
        await FetchAsync(services);

        issuer.RevokeAll();
        var identity = await FetchAsync(services);

        Assert.Equal("Tural", identity.GivenName);
        Assert.Equal(2, issuer.Issued);
        Assert.Equal(1, issuer.Refused);
    }

    [Fact]
    public async Task Fetch_RegistryRefusesEveryToken_RenewsOnlyOnce()
    {
        var issuer = new TokenIssuer { AcceptsTokens = false };
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        using var services = Host(registry, issuer.Settings(registry));

        var (_, detail) = await FailureAsync(services);

        Assert.Equal("the agency answered HTTP 401", detail);
        Assert.Equal(2, issuer.Issued);
        Assert.Equal(2, issuer.Refused);
    }

    [Fact]
    public async Task Fetch_WrongClientSecret_FailsNamingTheTokenEndpoint()
    {
        var issuer = new TokenIssuer();
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        var settings = issuer.Settings(registry);
        settings[$"Agencies:{Agency}:Authentication:ClientSecret"] = "not-the-secret";
        using var services = Host(registry, settings);

        var (status, detail) = await FailureAsync(services);

        Assert.Equal(SourceStatus.Failed, status);
        Assert.Equal("the agency's token endpoint refused the hub's client credentials (HTTP 401)", detail);
        Assert.Equal(0, issuer.Served);
    }

    [Fact]
    public async Task Fetch_TokenEndpointFailsOnce_RetriedToSuccess()
    {
        var issuer = new TokenIssuer { FailuresFirst = 1 };
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        using var services = Host(registry, issuer.Settings(registry));

        var identity = await FetchAsync(services);

        Assert.Equal("Tural", identity.GivenName);
        Assert.Equal(2, registry.Requests.Count(r => r.StartsWith("POST /oauth2/token", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Fetch_TokenEndpointHangs_FailsWithinTheAgencyBudget()
    {
        var issuer = new TokenIssuer { Hangs = true };
        await using var registry = await RegistryStub.StartAsync(issuer.Map);
        using var services = Host(registry, issuer.Settings(registry));
        var started = TimeProvider.System.GetTimestamp();

        var (status, detail) = await FailureAsync(services);

        // The token call has the agency's budget (TotalTimeout 4.5 s in these tests), not the test's patience.
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(SourceStatus.TimedOut, status);
        Assert.Equal("no access token from the agency's token endpoint: the agency did not answer within its time budget", detail);
        Assert.Equal(0, issuer.Served);
    }

    // Client certificate (mutual TLS)

    [Fact]
    public async Task Fetch_MutualTlsWithoutACertificate_HandshakeRefused()
    {
        using var pki = TestPki.Create("population");
        await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, _ => true), MutualTls(pki));
        using var services = Host(registry, [new($"Agencies:{Agency}:TrustedCaFile", pki.AuthorityPemFile)]);

        var (status, detail) = await FailureAsync(services);

        Assert.Equal(SourceStatus.Failed, status);
        Assert.Equal("the agency could not be reached or broke the connection", detail);
        Assert.DoesNotContain(registry.Requests, r => r.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_MutualTlsWithAPkcs12Certificate_ReadsTheRecord()
    {
        using var pki = TestPki.Create("population");
        await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, _ => true), MutualTls(pki));
        using var services = Host(registry, Pkcs12(pki));

        var identity = await FetchAsync(services);

        Assert.Equal("Tural", identity.GivenName);
    }

    [Fact]
    public async Task Fetch_MutualTlsWithAPemCertificateAndKey_ReadsTheRecord()
    {
        using var pki = TestPki.Create("population");
        await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, _ => true), MutualTls(pki));
        using var services = Host(registry,
        [
            new($"Agencies:{Agency}:TrustedCaFile", pki.AuthorityPemFile),
            new($"Agencies:{Agency}:Authentication:Kind", "ClientCertificate"),
            new($"Agencies:{Agency}:Authentication:CertificateFile", pki.ClientPemFile),
            new($"Agencies:{Agency}:Authentication:KeyFile", pki.ClientKeyFile),
        ]);

        var identity = await FetchAsync(services);

        Assert.Equal("Tural", identity.GivenName);
    }

    [Fact]
    public async Task Fetch_CertificateOfAnotherAuthority_HandshakeRefused()
    {
        using var pki = TestPki.Create("population");
        using var stranger = TestPki.Create("stranger");
        await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, _ => true), MutualTls(pki));
        var settings = Pkcs12(stranger);
        settings[$"Agencies:{Agency}:TrustedCaFile"] = pki.AuthorityPemFile;
        using var services = Host(registry, settings);

        var (_, detail) = await FailureAsync(services);

        Assert.Equal("the agency could not be reached or broke the connection", detail);
    }

    [Fact]
    public async Task Fetch_ServerOutsideTheTrustedAuthorities_Refused()
    {
        // The hub's certificate is right, but the registry's own is not one the hub trusts (no TrustedCaFile: the machine's store).
        using var pki = TestPki.Create("population");
        await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, _ => true), MutualTls(pki));
        var settings = Pkcs12(pki);
        settings.Remove($"Agencies:{Agency}:TrustedCaFile");
        using var services = Host(registry, settings);

        var (_, detail) = await FailureAsync(services);

        Assert.Equal("the agency could not be reached or broke the connection", detail);
    }

    // Secrets stay out of the logs

    [Fact]
    public async Task Credentials_EveryKind_NoSecretInAnyLogLine()
    {
        var logs = new LogCapture(LogLevel.Trace);
        var secrets = new List<string>();

        var key = Secret();
        secrets.Add(key);
        await using (var registry = await RegistryStub.StartAsync(app => MapPerson(app, ApiKeyRequired(key))))
        {
            using var services = Host(registry, ApiKey(key), Logging(logs));
            await FetchAsync(services);
        }

        var issuer = new TokenIssuer();
        secrets.Add(issuer.ClientSecret);
        await using (var registry = await RegistryStub.StartAsync(issuer.Map))
        {
            using var services = Host(registry, issuer.Settings(registry), Logging(logs));
            await FetchAsync(services);
            issuer.RevokeAll();
            await FetchAsync(services);
            var wrong = issuer.Settings(registry);
            wrong[$"Agencies:{Agency}:Authentication:ClientSecret"] = "wrong-" + Secret();
            secrets.Add(wrong[$"Agencies:{Agency}:Authentication:ClientSecret"]!);
            using var refused = Host(registry, wrong, Logging(logs));
            await FailureAsync(refused);
        }
        secrets.AddRange(issuer.Tokens);
        secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{issuer.ClientId}:{issuer.ClientSecret}")));

        using (var pki = TestPki.Create("population"))
        {
            secrets.Add(pki.ClientPassword);
            await using var registry = await RegistryStub.StartAsync(app => MapPerson(app, _ => true), MutualTls(pki));
            using var services = Host(registry, Pkcs12(pki), Logging(logs));
            await FetchAsync(services);
        }

        // The logs are live (the token was logged as obtained and the refusal as a warning), and hold no secret.
        Assert.Contains(logs.Lines, l => l.Contains("Access token for agency population obtained", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("refused to issue a token: HTTP 401", StringComparison.Ordinal));
        Assert.Equal(2, issuer.Issued);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    // Helpers

    private static string Secret() => "s3cret-" + Guid.NewGuid().ToString("N");

    private static Action<IServiceCollection> Logging(LogCapture logs) =>
        services => services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

    private static ServiceProvider Host(RegistryStub registry, IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? services = null) =>
        AdapterTestHost.Create(settings.Prepend(new($"Agencies:{Agency}:BaseAddress", registry.BaseAddress.ToString())), services);

    private static Dictionary<string, string?> ApiKey(string key) => new()
    {
        [$"Agencies:{Agency}:Authentication:Kind"] = "ApiKey",
        [$"Agencies:{Agency}:Authentication:HeaderName"] = "X-Registry-Key",
        [$"Agencies:{Agency}:Authentication:Key"] = key,
    };

    private static Dictionary<string, string?> Pkcs12(TestPki pki) => new()
    {
        [$"Agencies:{Agency}:TrustedCaFile"] = pki.AuthorityPemFile,
        [$"Agencies:{Agency}:Authentication:Kind"] = "ClientCertificate",
        [$"Agencies:{Agency}:Authentication:CertificateFile"] = pki.ClientPkcs12File,
        [$"Agencies:{Agency}:Authentication:CertificatePassword"] = pki.ClientPassword,
    };

    private static Func<HttpContext, bool> ApiKeyRequired(string key) =>
        context => context.Request.Headers["X-Registry-Key"] == key;

    private static void MapPerson(WebApplication app, Func<HttpContext, bool> admitted) =>
        app.MapGet("/api/v2/persons/{pin}", (HttpContext context, string pin) =>
            !admitted(context) ? Results.StatusCode(401)
            : pin == Pin ? RegistryStub.Json(Person)
            : RegistryStub.Json("""{ "errorCode": "PERSON_NOT_FOUND", "message": "No person with this PIN." }""", 404));

    /// <summary>https with the PKI's server certificate, and no connection without a client certificate it issued.</summary>
    private static Action<HttpsConnectionAdapterOptions> MutualTls(TestPki pki) => https =>
    {
        https.ServerCertificate = pki.Server;
        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => pki.Issued(certificate);
    };

    private static async Task<IdentityData> FetchAsync(ServiceProvider services) =>
        Assert.IsType<IdentityData>(await services.Adapter(Agency).FetchAsync(Fin.Parse(Pin), Query, TestContext.Current.CancellationToken));

    private static async Task<(SourceStatus Status, string Detail)> FailureAsync(ServiceProvider services)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => services.Adapter(Agency).FetchAsync(Fin.Parse(Pin), Query, TestContext.Current.CancellationToken));
        return AgencyFailure.Classify(exception, deadlineReached: false);
    }

    /// <summary>
    /// A registry behind an OAuth 2.0 token endpoint: <c>POST /oauth2/token</c> issues tokens for the client credentials
    /// grant (Basic client authentication, the agreed scope), and the person's record is served only with a live token.
    /// </summary>
    private sealed class TokenIssuer
    {
        private readonly ConcurrentDictionary<string, bool> _live = new(StringComparer.Ordinal);
        private int _issued;
        private int _served;
        private int _refused;
        private int _failures;

        public string ClientId { get; } = "hub-ministry";

        public string ClientSecret { get; } = Secret();

        public int ExpiresIn { get; init; } = 3600;

        public bool AcceptsTokens { get; init; } = true;

        public int FailuresFirst { get; init; }

        public bool Hangs { get; init; }

        public int Issued => _issued;

        public int Served => _served;

        public int Refused => _refused;

        public ConcurrentQueue<string> Tokens { get; } = new();

        public Dictionary<string, string?> Settings(RegistryStub registry) => new()
        {
            [$"Agencies:{Agency}:Authentication:Kind"] = "BearerToken",
            [$"Agencies:{Agency}:Authentication:TokenUrl"] = new Uri(registry.BaseAddress, "oauth2/token").ToString(),
            [$"Agencies:{Agency}:Authentication:ClientId"] = ClientId,
            [$"Agencies:{Agency}:Authentication:ClientSecret"] = ClientSecret,
            [$"Agencies:{Agency}:Authentication:Scope"] = "persons.read",
        };

        public void RevokeAll() => _live.Clear();

        public void Map(WebApplication app)
        {
            app.MapPost("/oauth2/token", async (HttpContext context) =>
            {
                if (Hangs) await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                if (Interlocked.Increment(ref _failures) <= FailuresFirst) return Results.StatusCode(503);
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
                if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var basic)
                    || basic.Scheme != "Basic" || basic.Parameter != expected)
                {
                    return RegistryStub.Json("""{ "error": "invalid_client" }""", 401);
                }
                if (form["grant_type"] != "client_credentials" || form["scope"] != "persons.read")
                {
                    return RegistryStub.Json("""{ "error": "invalid_request" }""", 400);
                }
                var token = $"tok-{Interlocked.Increment(ref _issued)}-{Guid.NewGuid():N}";
                Tokens.Enqueue(token);
                _live[token] = true;
                return RegistryStub.Json($$"""{ "access_token": "{{token}}", "token_type": "Bearer", "expires_in": {{ExpiresIn}} }""");
            });
            MapPerson(app, context =>
            {
                var live = AcceptsTokens
                    && AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var bearer)
                    && bearer.Scheme == "Bearer" && bearer.Parameter is { } token && _live.ContainsKey(token);
                Interlocked.Increment(ref live ? ref _served : ref _refused);
                return live;
            });
        }
    }
}
