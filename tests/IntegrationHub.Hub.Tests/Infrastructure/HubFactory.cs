using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Mocks.Agencies;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// The hub in-process (<see cref="HostFactory"/>: a mock country, a data directory and a log of its own, the tests'
/// clock unless <paramref name="time"/> is given) with the agency cache off (tests of the cache turn it on). The
/// environment is "Testing" unless given. <paramref name="extraAgencies"/> adds agencies beyond the catalog's, each
/// registered as every agency is (its adapter in the hub, its mock in the country).
/// </summary>
public sealed class HubFactory(
    IDictionary<string, string?>? settings = null, int households = 200, TimeProvider? time = null, string? dataDirectory = null, string environment = "Testing",
    IReadOnlyList<(AgencyDefinition Agency, Func<SyntheticPopulation, MockAgency> Mock)>? extraAgencies = null)
    : HostFactory(settings, households, time, dataDirectory, environment, extraAgencies?.Select(a => a.Mock).ToList())
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A fake clock at <paramref name="hour"/>:00 UTC on the tests' day (<see cref="TestClock"/>), for <c>time:</c>. From
    /// 08:00 hours can be added without crossing midnight, which changes every agency query's day (and so every cache key).
    /// </summary>
    public static FakeTimeProvider ClockToday(int hour = 8) => TestClock.Fake(hour);

    /// <summary>
    /// Settings letting the assistance subsystem's targeted-social-assistance purpose see every data set of the catalog
    /// (the configured policy keeps health from it) and any <paramref name="more"/>, for tests of assembly rather than of
    /// the policy.
    /// </summary>
    public static Dictionary<string, string?> EveryDataSet(Dictionary<string, string?>? settings = null, params IEnumerable<string> more)
    {
        string[] all = [.. AgencyCatalog.All.Select(a => a.Agency.DataSet), .. more];
        var result = new Dictionary<string, string?>(settings ?? []);
        for (var i = 0; i < all.Length; i++)
        {
            result[$"Trust:Policy:assistance:targeted-social-assistance:Applicant:{i}"] = all[i];
            result[$"Trust:Policy:assistance:targeted-social-assistance:Members:{i}"] = all[i];
        }
        return result;
    }

    protected override IReadOnlyDictionary<string, string?> SuiteSettings { get; } = new Dictionary<string, string?>
    {
        // Above any deadline a test sets (start-up insists the request timeout exceeds the deadline).
        ["Messaging:RequestTimeout"] = "00:05:00",
        ["Cache:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices((context, services) =>
        {
            foreach (var (agency, _) in extraAgencies ?? []) services.AddAgency(agency, context.Configuration);
        });
    }

    /// <summary>
    /// The hub with MassTransit's test harness in place of its bus (every message sent, published and consumed is
    /// recorded), started; its services for what a test reads beside the bus.
    /// </summary>
    public async Task<(ITestHarness Harness, IServiceProvider Services)> StartTestHarnessAsync()
    {
        var factory = WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddMassTransitTestHarness()));
        var harness = factory.Services.GetTestHarness();
        await harness.Start();
        return (harness, factory.Services);
    }

    /// <summary>POSTs a profile request for <paramref name="applicant"/> as the assistance subsystem.</summary>
    public Task<HttpResponseMessage> PostProfileAsync(string applicant, object[]? declaredMembers = null, string? purpose = "targeted-social-assistance", string caseNumber = "TEST-1") =>
        CreateClient("assistance").PostAsJsonAsync("/api/v1/profiles", new { applicant, declaredMembers, purpose, caseNumber }, TestContext.Current.CancellationToken);

    /// <summary>Assembles <paramref name="applicant"/>'s profile over HTTP; a failure status fails the test with the body and the host's warnings and errors.</summary>
    public async Task<HouseholdProfile> AssembleAsync(string applicant)
    {
        using var response = await PostProfileAsync(applicant);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"HTTP {(int)response.StatusCode}: {body}{Environment.NewLine}The host logged:{Environment.NewLine}{ServerLog}");
        }
        return await ReadProfileAsync(response);
    }

    public static async Task<HouseholdProfile> ReadProfileAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<HouseholdProfile>(Json, TestContext.Current.CancellationToken))!;
    }
}
