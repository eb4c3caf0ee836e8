using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Assistance.Applications;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Security;
using IntegrationHub.Tests.Shared;
using IntegrationHub.Mocks;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Assistance.Tests.Infrastructure;

/// <summary>
/// The whole binary in one process (hub + assistance, in-memory bus) over a mock country of its own, a data
/// directory of its own and a real SMTP server on loopback. Settings passed in override the defaults;
/// <paramref name="configureServices"/> replaces services (a fake clock).
/// </summary>
public sealed class AssistanceFactory(
    IDictionary<string, string?>? settings = null, int households = 300, Action<IServiceCollection>? configureServices = null, string? dataDirectory = null)
    : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public MockCountry Country { get; } = MockCountry.Start(new MockCountryOptions(Households: households));

    public LoopbackSmtpServer Smtp { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _applicants = new(StringComparer.Ordinal);

    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "assistance-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var all = new Dictionary<string, string?>
        {
            ["Mocks:InProcess"] = "false",
            ["Storage:DataDirectory"] = DataDirectory,
            ["Aggregation:Deadline"] = "00:00:02",
            ["Messaging:RequestTimeout"] = "00:00:10",
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:00.800",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:01.600",
            ["Agencies:Defaults:MaxRetries"] = "1",
            ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
            ["Agencies:Defaults:BreakerMinimumThroughput"] = "1000",
            ["Assistance:PollInterval"] = "00:00:00.200",
            // The mock country changes only when a test says so.
            ["Mocks:LifeEventsEvery"] = "00:00:00",
            ["Assistance:RetryInterval"] = "00:00:00.500",
            ["Assistance:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Assistance:Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Assistance:Notifications:Smtp:Security"] = "None",
            // Tests run as "Testing" with the development keys and issuer: a test deployment, said so.
            [DeploymentGuard.AcknowledgeSetting] = "true",
        };
        foreach (var (key, value) in Country.HubConfiguration()) all[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
        if (configureServices is not null) builder.ConfigureTestServices(configureServices);
    }

    /// <summary>
    /// The host, with the mock agencies' life events connected to it through its test server: the factory's own country's,
    /// and the in-process one's in the default mode (which would otherwise send to an address no test server listens on).
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        var server = (TestServer)host.Services.GetRequiredService<IServer>();
        Country.Events.Connect(server.CreateClient());
        host.Services.GetService<MockCountry>()?.Events.Connect(server.CreateClient());
        return host;
    }

    /// <summary>A client authenticated as the system <paramref name="caller"/> with its development key (<c>dev-{caller}-key</c>).</summary>
    public HttpClient CreateClient(string caller)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", $"dev-{caller}-key");
        return client;
    }

    /// <summary>A client acting as <paramref name="person"/> with a token from the development issuer.</summary>
    public HttpClient PersonClient(PersonTokenRequest person) => CreateClient().WithToken(People.Token(Services, person));

    /// <summary>A client acting as the citizen <paramref name="fin"/>.</summary>
    public HttpClient CitizenClient(string fin) => PersonClient(People.Citizen(fin));

    /// <summary>The hub's view of a citizen's household, asked over the bus as the subsystem asks it.</summary>
    public async Task<HouseholdProfile> ProfileAsync(string fin)
    {
        await using var scope = Services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();
        var response = await client.GetResponse<HouseholdProfileResult>(
            new GetHouseholdProfile(Guid.NewGuid(), fin, null, "targeted-social-assistance", "PREFILL", "assistance"), TestContext.Current.CancellationToken);
        return response.Message.Profile;
    }

    /// <summary>
    /// The declaration a citizen would send after the portal pre-filled it from the registries: the household the
    /// hub proposes, each member's income as the agencies report it.
    /// </summary>
    public async Task<object> PrefilledApplicationAsync(string fin, object channel, Func<HouseholdProfile, IEnumerable<MemberProfile>>? members = null)
    {
        // A portal pre-fills from a whole profile: on a busy machine an agency can miss the deadline, so ask again.
        var profile = await ProfileAsync(fin);
        for (var attempt = 1; attempt < 5 && !profile.Complete; attempt++) profile = await ProfileAsync(fin);
        Assert.True(profile.Complete, "the hub gave only partial profiles for the pre-fill");
        var declared = (members?.Invoke(profile) ?? profile.Members).Where(m => m.Relation != RelationToApplicant.Applicant).ToList();
        var person = Country.Population.ByFin[fin];
        return new
        {
            applicant = fin,
            idCardNumber = person.IdCardNumber,
            members = declared.Select(m => new { fin = m.Fin.Value, relation = m.Relation.ToString() }).ToList(),
            incomes = profile.Summary.MonthlyIncome
                .Where(i => i.Fin.Value == fin || declared.Any(m => m.Fin == i.Fin))
                .SelectMany(i => i.BySource.Select(s => new { fin = i.Fin.Value, source = s.Key, monthlyAmount = s.Value }))
                .ToList(),
            channel,
            consent = true,
        };
    }

    /// <summary>Submits as the applicant (with their own token) and returns the application number.</summary>
    public async Task<string> SubmitAsync(object application, string? idempotencyKey = null)
    {
        var applicant = JsonSerializer.SerializeToElement(application).GetProperty("applicant").GetString()!;
        using var client = CitizenClient(applicant);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assistance/applications") { Content = JsonContent.Create(application) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var accepted = await response.Content.ReadFromJsonAsync<AcceptedBody>(Json, TestContext.Current.CancellationToken);
        _applicants[accepted!.ApplicationNumber] = applicant;
        return accepted.ApplicationNumber;
    }

    /// <summary>The applicant of an application submitted through <see cref="SubmitAsync"/>.</summary>
    public string ApplicantOf(string number) => _applicants[number];

    /// <summary>Polls the applicant's status (with their token) until the application is decided (real time: the hub and agencies run for real).</summary>
    public async Task<StatusBody> WaitForDecisionAsync(string number, TimeSpan? timeout = null)
    {
        using var client = CitizenClient(ApplicantOf(number));
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await client.GetFromJsonAsync<StatusBody>($"/api/v1/assistance/applications/{number}", Json, TestContext.Current.CancellationToken);
            if (status!.Decision is not null || DateTime.UtcNow > until) return status;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls the applicant's status (with their token) until <paramref name="done"/> holds or <paramref name="timeout"/> passes; returns the last status read.</summary>
    public async Task<StatusBody> WaitForStatusAsync(string number, Func<StatusBody, bool> done, TimeSpan? timeout = null)
    {
        using var client = CitizenClient(ApplicantOf(number));
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await client.GetFromJsonAsync<StatusBody>($"/api/v1/assistance/applications/{number}", Json, TestContext.Current.CancellationToken);
            if (done(status!) || DateTime.UtcNow > until) return status!;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        Country.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

public sealed record AcceptedBody(string ApplicationNumber, CaseStatus Status, DateTimeOffset SubmittedAt, DateOnly DueDate, bool Created);

public sealed record ReasonBody(int Number, string Code, string TextAz, string TextEn);

public sealed record DecisionBody(string Outcome, string RuleVersion, decimal? MonthlyAmount, DateOnly? PeriodFrom, DateOnly? PeriodTo, IReadOnlyList<ReasonBody> Reasons, string TextAz, string TextEn);

public sealed record StatusBody(string ApplicationNumber, string Status, DateOnly DueDate, int? WorkingDaysLeft, DecisionBody? Decision);

/// <summary>What a problem-details body says.</summary>
public sealed record Problem(int Status, string Title, string? Detail, string Type, string Code, string? Field)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Problem>(AssistanceFactory.Json, TestContext.Current.CancellationToken))!;
}
