using System.Text.Json.Serialization;
using IntegrationHub.Hub.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Disability.Tests.Infrastructure;

/// <summary>
/// The whole host (hub + disability module, in-memory bus; <see cref="HostFactory"/>: a mock country, a data folder and
/// a log of its own, the tests' clock unless <paramref name="time"/> is given); systems authenticated by their
/// development keys (Hub/appsettings.json: <c>dev-{caller}-key</c>), people by tokens from the development issuer.
/// A test may set the client address per request with the <c>X-Test-Client</c> header (TestServer has none);
/// <paramref name="configureServices"/> replaces services (a fake clock for one part).
/// </summary>
public sealed class DisabilityFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null, TimeProvider? time = null)
    : HostFactory(settings, households: 200, time, dataDirectory: null, environment: "Testing")
{
    public const string ClientHeader = "X-Test-Client";
    public const string PublicBaseUrl = "https://e-social.gov.az/tseras";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // Unhurried budgets: a cold host on a shared 2-core machine must not time the population register out (that case,
    // a referral left waiting for records, has its own test with the agency down).
    protected override IReadOnlyDictionary<string, string?> SuiteSettings { get; } = new Dictionary<string, string?>(AgencyBudgets.Unhurried())
    {
        ["Roles"] = "hub,disability",
        // A referral whose records were late at intake is asked for again soon (production: 30 s).
        ["Disability:RecordsRetryInterval"] = "00:00:02",
        ["Disability:PublicBaseUrl"] = PublicBaseUrl,
        ["Disability:Lookup:MinimumDuration"] = "00:00:00",
        // A second organisation that verifies extracts, to tell organisations apart.
        ["Trust:Callers:pasha-insurance:KeyHashes:0"] = ApiKeyAuthenticationHandler.Hash("dev-pasha-insurance-key"),
        ["Trust:Callers:pasha-insurance:Roles:0"] = "verifier",
    };

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter, TestClientAddress>();
        configureServices?.Invoke(services);
    }

    /// <summary>A client authenticated as the system <paramref name="caller"/> (API key); null for an anonymous one.</summary>
    public HttpClient Client(string? caller, string? clientAddress = null)
    {
        var client = CreateClient();
        if (caller is not null) client.DefaultRequestHeaders.Add("X-Api-Key", $"dev-{caller}-key");
        if (clientAddress is not null) client.DefaultRequestHeaders.Add(ClientHeader, clientAddress);
        return client;
    }

    /// <summary>A client acting as <paramref name="person"/> with a token from the development issuer, from <paramref name="clientAddress"/>.</summary>
    public HttpClient PersonClient(PersonTokenRequest person, string? clientAddress) => Client(null, clientAddress).WithToken(People.Token(Services, person));

    /// <summary>The referring doctor of <see cref="DecideAsync"/>.</summary>
    public HttpClient ClinicDoctor() => PersonClient(People.ClinicDoctor());

    /// <summary>The commission member of <see cref="DecideAsync"/>.</summary>
    public HttpClient CommissionMember() => PersonClient(People.CommissionMember());

    /// <summary>An adult of a "disability" household with an earlier assessment in the registry.</summary>
    public Person DisabledAdult() =>
        Country.Population.Households.Where(h => h.Kind == "disability")
            .SelectMany(h => h.Members)
            .First(p => p.Disability.Count > 0 && !p.Deceased && p.AgeOn(Today) >= 18 && p.AgeOn(Today) < 60);

    /// <summary>Another living adult without any assessment.</summary>
    public Person HealthyAdult(int skip = 0) =>
        Country.Population.People.Where(p => p.Disability.Count == 0 && !p.Deceased && p.AgeOn(Today) is >= 25 and < 55 && p.Status is { Abroad: false, Foreigner: false, Prisoner: false }).Skip(skip).First();

    /// <summary>Referral → records → result, through the API as a clinic doctor and a commission member.</summary>
    public async Task<JsonElement> DecideAsync(Person person, int percent, string cause = "GeneralIllness", string? referralNumber = null, string recommendations = "Reabilitasiya kursu.")
    {
        var number = referralNumber ?? "F88-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var referral = await ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals",
            new { referralNumber = number, fin = person.Fin, issuedOn = Today, diagnoses = new[] { "I63.9" } }, Ct);
        // 201 with the records, or 202 when the hub's answer was late (a loaded machine): then the worker asks
        // again and the result can be entered once the records are in (409 records-pending until then).
        Assert.Contains(referral.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Accepted });
        var result = await Poll.ReadUntilAsync(
            () => CommissionMember().PostAsJsonAsync($"/api/v1/disability/referrals/{number}/result", new { percent, cause, startDate = Today, recommendations }, Ct),
            response => response.StatusCode != HttpStatusCode.Conflict, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        Assert.True(result.StatusCode == HttpStatusCode.OK,
            $"result of referral {number}: HTTP {(int)result.StatusCode} {await result.Content.ReadAsStringAsync(Ct)}{Environment.NewLine}The host logged:{Environment.NewLine}{ServerLog}");
        return await result.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class TestClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
