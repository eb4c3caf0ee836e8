using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Security;
using IntegrationHub.Mocks;
using IntegrationHub.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// The hub in-process over a mock country of its own (so faults injected by one test never reach another),
/// with test-sized timeouts, the agency cache off (tests of the cache turn it on) and its own data
/// directory. Settings passed in override the defaults; <paramref name="time"/> replaces the clock; the environment is
/// "Testing" unless given.
/// </summary>
public sealed class HubFactory(
    IDictionary<string, string?>? settings = null, int households = 200, TimeProvider? time = null, string? dataDirectory = null, string environment = "Testing")
    : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly bool _ownsDataDirectory = dataDirectory is null;

    public MockCountry Country { get; } = MockCountry.Start(new MockCountryOptions(Households: households));

    /// <summary>The host's warnings and errors (exceptions included), for the message of a failed assertion.</summary>
    public LogCapture ServerLog { get; } = new(LogLevel.Warning);

    /// <summary>Where the hub's LiteDB files go: a fresh temporary directory unless one was given (to survive a restart).</summary>
    public string DataDirectory { get; } = dataDirectory ?? NewDataDirectory();

    /// <summary>
    /// A fake clock at <paramref name="hour"/>:00 UTC today, for <c>time:</c>. From 08:00 hours can be added without
    /// crossing midnight, which changes every agency query's day (and so every cache key): a test that does not mean
    /// to cross it must not depend on when it runs.
    /// </summary>
    public static FakeTimeProvider ClockToday(int hour = 8) => new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(hour), TimeSpan.Zero));

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("hub-tests-").FullName;

    /// <summary>
    /// Settings letting the assistance subsystem's targeted-social-assistance purpose see every data set (the
    /// configured policy keeps health from it), for tests of assembly rather than of the policy.
    /// </summary>
    public static Dictionary<string, string?> EveryDataSet(Dictionary<string, string?>? settings = null)
    {
        string[] all = ["identity", "family-relations", "tax-income", "employment", "pensions-benefits", "job-seeker", "disability", "education", "vehicles", "real-estate", "land", "utilities", "health", "status-flags"];
        var result = new Dictionary<string, string?>(settings ?? []);
        for (var i = 0; i < all.Length; i++)
        {
            result[$"Trust:Policy:assistance:targeted-social-assistance:Applicant:{i}"] = all[i];
            result[$"Trust:Policy:assistance:targeted-social-assistance:Members:{i}"] = all[i];
        }
        return result;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        var all = new Dictionary<string, string?>
        {
            ["Mocks:InProcess"] = "false",
            // No seeded e-service history unless a test asks for it (a test turning the mocks on gets none either).
            ["Mocks:HistoryMonths"] = "0",
            // Every host its own files (audit, applications, caches): parallel tests never share a LiteDB file.
            ["Storage:DataDirectory"] = DataDirectory,
            ["Aggregation:Deadline"] = "00:00:02",
            // Above any deadline a test sets (start-up insists the request timeout exceeds the deadline).
            ["Messaging:RequestTimeout"] = "00:05:00",
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:00.800",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:01.600",
            ["Agencies:Defaults:MaxRetries"] = "1",
            ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
            ["Agencies:Defaults:BreakerMinimumThroughput"] = "1000",
            ["Cache:Enabled"] = "false",
            // The mock country changes only when a test says so.
            ["Mocks:LifeEventsEvery"] = "00:00:00",
            // Tests run as "Testing" with the development keys and issuer: a test deployment, said so.
            [DeploymentGuard.AcknowledgeSetting] = "true",
        };
        foreach (var (key, value) in Country.HubConfiguration()) all[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(ServerLog));
        builder.ConfigureTestServices(services =>
        {
            var host = new ServicesDisposed();
            _hosts.Add(host);
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(_ =>
            {
                host.Created = true;
                return host;
            }));
        });
        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
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

    /// <summary>A client authenticated as the system <paramref name="caller"/> with its development key (Hub/appsettings.json, <c>dev-{caller}-key</c>).</summary>
    public HttpClient CreateClient(string caller)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", $"dev-{caller}-key");
        return client;
    }

    /// <summary>A client acting as <paramref name="person"/> with a token from the development issuer.</summary>
    public HttpClient PersonClient(PersonTokenRequest person) => CreateClient().WithToken(People.Token(Services, person));

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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await WaitUntilServicesDisposedAsync();
        Country.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind is harmless.
            }
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<ServicesDisposed> _hosts = [];

    /// <summary>
    /// Disposing the factory stops the host, but Program's <c>app.Run()</c> disposes the services on the entry point's
    /// own thread, a moment after: until then the LiteDB files are open, and a test reopening them (a restart over the
    /// same directory, the audit command, an edit) meets a store still writing. Waits for each host's services to be
    /// disposed (bounded: a host that never started has nothing to wait for).
    /// </summary>
    private async Task WaitUntilServicesDisposedAsync()
    {
        foreach (var host in _hosts.Where(h => h.Created))
        {
            await host.Disposed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>
    /// The first service the host creates (the first hosted service), so the container disposes it last: once it is
    /// disposed, every store the host opened is closed.
    /// </summary>
    private sealed class ServicesDisposed : IHostedService, IDisposable
    {
        public bool Created { get; set; }

        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => Disposed.TrySetResult();
    }
}

/// <summary>What a problem-details body says.</summary>
public sealed record Problem(int Status, string Title, string? Detail, string Type, string Code, string? Field)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static async Task<Problem> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Problem>(HubFactory.Json, TestContext.Current.CancellationToken))!;
}
