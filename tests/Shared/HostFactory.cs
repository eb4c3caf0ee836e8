using System.Collections.Concurrent;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Security;
using IntegrationHub.Mocks;
using IntegrationHub.Mocks.Agencies;
using IntegrationHub.Mocks.Population;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Shared;

/// <summary>
/// The whole binary in-process, as every host-level test suite starts it: over a mock country of its own (a fault
/// injected by one test never reaches another), with a data directory of its own, test-sized agency timeouts, the
/// host's warnings and errors captured, and on the tests' clock (<see cref="TestClock"/>) unless given another. The
/// mock country's "today" is the clock's, so the agencies' data and the host's windows agree. Settings are layered:
/// these defaults, then the suite's (<see cref="SuiteSettings"/>), then the test's.
/// </summary>
public abstract class HostFactory : WebApplicationFactory<Program>
{
    private readonly IDictionary<string, string?> _settings;
    private readonly bool _ownsDataDirectory;
    private readonly string _environment;
    private readonly ConcurrentBag<ServicesDisposed> _hosts = [];
    private bool _servedOnKestrel;

    /// <param name="extraMocks">Mocks started beyond the mock country's own (an agency the host registers beyond its catalog).</param>
    protected HostFactory(IDictionary<string, string?>? settings, int households, TimeProvider? time, string? dataDirectory, string environment,
        IReadOnlyList<Func<SyntheticPopulation, MockAgency>>? extraMocks = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _environment = environment;
        _ownsDataDirectory = dataDirectory is null;
        Time = time ?? TestClock.Running();
        DataDirectory = dataDirectory ?? NewDataDirectory();
        Country = MockCountry.Start(new MockCountryOptions(Households: households, Agencies: extraMocks is null ? null : [.. MockCountry.AllAgencies, .. extraMocks]), Time);
    }

    /// <summary>The host's clock; the mock country's "today" is its day.</summary>
    public TimeProvider Time { get; }

    public MockCountry Country { get; }

    /// <summary>The host's warnings and errors (exceptions included), for the message of a failed assertion.</summary>
    public LogCapture ServerLog { get; } = new(LogLevel.Warning);

    /// <summary>Where the host's LiteDB files go: a fresh temporary directory unless one was given (to survive a restart).</summary>
    public string DataDirectory { get; }

    /// <summary>The host's "today".</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("host-tests-").FullName;

    /// <summary>What the suite sets over the common defaults (a role list, a module's intervals, other timeouts).</summary>
    protected abstract IReadOnlyDictionary<string, string?> SuiteSettings { get; }

    /// <summary>The suite's own test services, registered after the host's.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(_environment);
        var all = new Dictionary<string, string?>
        {
            ["Mocks:InProcess"] = "false",
            // No seeded e-service history unless a test asks for it (a test turning the mocks on gets none either).
            ["Mocks:HistoryMonths"] = "0",
            // The mock country changes only when a test says so (one turning the mocks on gets no clock of changes either).
            ["Mocks:LifeEventsEvery"] = "00:00:00",
            // Every host its own files (audit, applications, caches): parallel tests never share a LiteDB file.
            ["Storage:DataDirectory"] = DataDirectory,
            ["Aggregation:Deadline"] = "00:00:02",
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:00.800",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:01.600",
            ["Agencies:Defaults:MaxRetries"] = "1",
            ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
            ["Agencies:Defaults:BreakerMinimumThroughput"] = "1000",
            // Tests run as "Testing" with the development keys and issuer: a test deployment, said so.
            [DeploymentGuard.AcknowledgeSetting] = "true",
        };
        foreach (var (key, value) in Country.HubConfiguration()) all[key] = value;
        foreach (var (key, value) in SuiteSettings) all[key] = value;
        foreach (var (key, value) in _settings) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(ServerLog));
        builder.ConfigureTestServices(services =>
        {
            _hosts.Add(ServicesDisposed.AddTo(services));
            services.AddSingleton(Time);
            ConfigureTestServices(services);
        });
    }

    /// <summary>
    /// The host, with the mock agencies' life events connected to it through its test server: the factory's own country's,
    /// and the in-process one's in the default mode (which would otherwise send to an address no test server listens on).
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        // A host served on Kestrel (ServeOnKestrel) has no test server; its tests send no life events.
        if (host.Services.GetRequiredService<IServer>() is TestServer server)
        {
            Country.Events.Connect(server.CreateClient());
            host.Services.GetService<MockCountry>()?.Events.Connect(server.CreateClient());
        }
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

    /// <summary>A client acting as the citizen <paramref name="fin"/>.</summary>
    public HttpClient CitizenClient(string fin) => PersonClient(People.Citizen(fin));

    /// <summary>
    /// Serves the host on a real loopback port (<paramref name="port"/>, 0 for any), for a browser or a client that
    /// needs a socket, and returns its address. Call before first use.
    /// </summary>
    public Uri ServeOnKestrel(int port = 0)
    {
        _servedOnKestrel = true;
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    public override async ValueTask DisposeAsync()
    {
        // Bounded: a host that does not stop fails the test that owns it, naming it, instead of holding the run.
        try
        {
            await base.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{GetType().Name}: the host did not stop and dispose within 2 minutes");
        }
        // A host served on Kestrel is stopped and disposed by the factory itself, not by Program's app.Run(): its marker
        // is never reached that way (the wait timed out after 30 s), and there is no entry-point thread to wait for.
        if (!_servedOnKestrel) await WaitUntilServicesDisposedAsync();
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

    /// <summary>Waits for each host's services to be disposed (<see cref="ServicesDisposed"/>), so the files they opened are closed.</summary>
    private async Task WaitUntilServicesDisposedAsync()
    {
        foreach (var host in _hosts) await host.WaitAsync(GetType().Name, TimeSpan.FromSeconds(30));
    }
}
