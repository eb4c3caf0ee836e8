using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Security;
using IntegrationHub.Mocks;
using IntegrationHub.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.ContactCentre.Tests.Infrastructure;

/// <summary>
/// The host with the hub and the contact centre (in-memory bus) over a mock country of its own and a data directory of
/// its own (given, to survive a restart). Settings passed in override the defaults; <paramref name="time"/> replaces the
/// clock (people's tokens are minted on it too). <see cref="StartKestrel"/> serves it on a real loopback port, for a
/// browser.
/// </summary>
public sealed class ContactCentreFactory(IDictionary<string, string?>? settings = null, TimeProvider? time = null, string? dataDirectory = null)
    : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly bool _ownsDataDirectory = dataDirectory is null;

    public MockCountry Country { get; } = MockCountry.Start(new MockCountryOptions(Households: 60));

    /// <summary>The host's warnings and errors, for the message of a failed assertion.</summary>
    public LogCapture ServerLog { get; } = new(LogLevel.Warning);

    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("contact-centre-tests-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var all = new Dictionary<string, string?>
        {
            ["Roles"] = "hub,contact-centre",
            ["Mocks:InProcess"] = "false",
            ["Storage:DataDirectory"] = DataDirectory,
            ["Aggregation:Deadline"] = "00:00:10",
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:04",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:08",
            ["Agencies:Defaults:MaxRetries"] = "1",
            ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
            ["Messaging:RequestTimeout"] = "00:00:30",
            // Tests run as "Testing" with the development keys and issuer: a test deployment, said so.
            [DeploymentGuard.AcknowledgeSetting] = "true",
        };
        foreach (var (key, value) in Country.HubConfiguration()) all[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(ServerLog));
        if (time is not null) builder.ConfigureTestServices(services => services.AddSingleton(time));
    }

    /// <summary>Serves the host on a loopback port (before first use) and returns its address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>The telephony system (its development key).</summary>
    public HttpClient Telephony()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "dev-telephony-key");
        return client;
    }

    /// <summary>A client acting as <paramref name="person"/> with a token from the development issuer.</summary>
    public HttpClient PersonClient(PersonTokenRequest person) => CreateClient().WithToken(People.Token(Services, person));

    public HttpClient Operator(string id, string department) => PersonClient(People.ContactCentreOperator(id, department));

    public HttpClient Supervisor(string department = "social-security") => PersonClient(People.ContactCentreSupervisor("sv-0001", department));

    /// <summary>Registers a call as the telephony system does; fails the test on anything but 201/200.</summary>
    public static async Task<CallRegisteredBody> RegisterAsync(HttpClient telephony, string callId, string? callerNumber, string topic)
    {
        using var response = await telephony.PostAsJsonAsync("/api/v1/contact-centre/calls", new { callId, callerNumber, topic }, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<CallRegisteredBody>(text, Json)!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Country.Dispose();
        if (!_ownsDataDirectory) return;
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

public sealed record RepeatCallerBody(int PreviousCalls, DateTimeOffset? LastCallAt, string? LastCallNumber);

public sealed record CallRegisteredBody(string CallNumber, string Topic, string? Department, string Status, DateTimeOffset ArrivedAt, RepeatCallerBody? RepeatCaller, bool Created);

public sealed record CallerBody(bool Anonymous, string? Number, string? Fin, string? Name);

public sealed record CallEventBody(DateTimeOffset At, string Kind, string? Department, string? Operator, long? WaitSeconds, string? Question, string? Answer, string? ToDepartment, string? Text, string? FollowUpId);

public sealed record CallBody(string CallNumber, string Topic, string? Department, string Status, DateTimeOffset ArrivedAt, DateTimeOffset? QueuedAt, string? Operator,
    CallerBody Caller, RepeatCallerBody? RepeatCaller, DateTimeOffset? HungUpAt, IReadOnlyList<CallEventBody> History);

public sealed record WaitingCallBody(string CallNumber, DateTimeOffset QueuedAt, long WaitSeconds, string? CallerNumber, int PreviousCalls);

public sealed record FollowUpBody(string Id, string CallNumber, string Department, string Task, DateOnly DueDate, string Status, bool Overdue, string OpenedBy, DateTimeOffset OpenedAt,
    DateTimeOffset? DoneAt, string? DoneBy, string? Outcome);

public sealed record DepartmentFiguresBody(string Department, string NameAz, string NameEn, int Waiting, long? LongestWaitSeconds, int AnsweredLastHour, int AbandonedLastHour,
    int AnsweredWithinTarget, decimal? WithinTargetPercent, int FollowUpsOverdue);

public sealed record MonitorBody(DateTimeOffset At, int TargetSeconds, int OperatorsOnCalls, IReadOnlyList<DepartmentFiguresBody> Departments, DepartmentFiguresBody Total);

public sealed record TopicMonthBody(string Month, string Topic, int Calls, int Answered, int AnsweredWithinTarget, int Abandoned, int VoiceMenu, int FollowUpsOpened, int FollowUpsDone, int FollowUpsOverdue);

/// <summary>What a problem-details body says.</summary>
public sealed record Problem(int Status, string Title, string? Detail, string Type, string Code, string? Field)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Problem>(ContactCentreFactory.Json, TestContext.Current.CancellationToken))!;
}
