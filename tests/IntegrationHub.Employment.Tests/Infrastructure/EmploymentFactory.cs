using IntegrationHub.Hub.Security;

namespace IntegrationHub.Employment.Tests.Infrastructure;

/// <summary>
/// The whole host (hub + employment module, in-memory bus; <see cref="HostFactory"/>: a mock country, a data directory
/// and a log of its own, on the tests' clock): employers' systems by their development keys (<c>dev-{caller}-key</c>),
/// officers and citizens by tokens from the development issuer. A second employer (<see cref="OtherEmployer"/>) tells
/// employers apart. A data directory given survives the factory, for a restart (<see cref="DeleteData"/> at the end).
/// </summary>
public class EmploymentFactory(IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    : HostFactory(settings, households: 200, time: null, dataDirectory, environment: "Testing")
{
    public const string PublicBaseUrl = "https://e-social.gov.az/employment";
    public const string SampleEmployer = "sample-employer";
    public const string OtherEmployer = "other-employer";
    public const string OtherEmployerVoen = "1300000002";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Unhurried budgets: a cold host on a shared 2-core machine must not time the population register out (every
    // notification's employee is checked there through the hub).
    protected override IReadOnlyDictionary<string, string?> SuiteSettings { get; } = new Dictionary<string, string?>(AgencyBudgets.Unhurried())
    {
        ["Roles"] = "hub,employment",
        ["Employment:PublicBaseUrl"] = PublicBaseUrl,
        ["Employment:EventDispatchInterval"] = "00:00:00.200",
        ["Employment:Bulk:RetryAfter"] = "00:00:00.500",
        [$"Employment:Employers:{OtherEmployerVoen}:Name"] = "Digər Şirkət ASC",
        [$"Trust:Callers:{OtherEmployer}:KeyHashes:0"] = ApiKeyAuthenticationHandler.Hash($"dev-{OtherEmployer}-key"),
        [$"Trust:Callers:{OtherEmployer}:Roles:0"] = "employer",
        [$"Trust:Callers:{OtherEmployer}:Voen"] = OtherEmployerVoen,
    };

    /// <summary>A client authenticated as the system <paramref name="caller"/> (API key), or anonymous for null.</summary>
    public HttpClient Client(string? caller) => caller is null ? CreateClient() : CreateClient(caller);

    /// <summary>The sample employer's own system.</summary>
    public HttpClient Employer() => Client(SampleEmployer);

    /// <summary>Living adults (25-55 today), not abroad, in a stable order.</summary>
    public IEnumerable<Person> Adults() =>
        Country.Population.People.Where(p => !p.Deceased && p.AgeOn(Today) is >= 25 and < 55 && p.Status is { Abroad: false, Foreigner: false, Prisoner: false });

    public Person Adult(int skip = 0) => Adults().Skip(skip).First();

    /// <summary>The hosts' "today": every host here runs on the tests' clock.</summary>
    public static new DateOnly Today => TestClock.Today;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new contract's body: 40 hours, 800 AZN, indefinite, main.</summary>
    public static Dictionary<string, object?> NewContract(string fin, DateOnly start, decimal wage = 800, decimal hours = 40, string kind = "main") => new()
    {
        ["fin"] = fin,
        ["position"] = "mühasib",
        ["occupationCode"] = "2411",
        ["workplace"] = "Bakı, Nizami r., Əsas ofis",
        ["startDate"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["term"] = "indefinite",
        ["weeklyHours"] = hours,
        ["monthlyWage"] = wage,
        ["contractKind"] = kind,
    };

    /// <summary>Posts a notification; returns the response (not disposed).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Registers a new contract through the sample employer's system and returns its number.</summary>
    public async Task<string> RegisterAsync(string fin, DateOnly start, decimal wage = 800)
    {
        using var response = await PostAsync(Employer(), "/api/v1/employment/contracts", NewContract(fin, start, wage));
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode} {body}{Environment.NewLine}{ServerLog}");
        return JsonDocument.Parse(body).RootElement.GetProperty("contract").GetProperty("number").GetString()!;
    }

    /// <summary>Removes the data folder (a test that restarts the host on the same folder calls it once at the end).</summary>
    public void DeleteData()
    {
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
