using System.Text.Json.Serialization;

namespace IntegrationHub.ContactCentre.Tests.Infrastructure;

/// <summary>
/// The host with the hub and the contact centre (in-memory bus; <see cref="HostFactory"/>: a mock country, a data
/// directory and a log of its own, the tests' clock unless <paramref name="time"/> is given, which people's tokens are
/// minted on too). A data directory given survives the factory, for a restart. <see cref="HostFactory.ServeOnKestrel"/> serves it on
/// a real loopback port, for a browser.
/// </summary>
public sealed class ContactCentreFactory(IDictionary<string, string?>? settings = null, TimeProvider? time = null, string? dataDirectory = null)
    : HostFactory(settings, households: 60, time, dataDirectory, environment: "Testing")
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // Unhurried budgets: a cold host on a shared 2-core machine must not time the population register out (the
    // post-office identity check and the caller's identification ask it).
    protected override IReadOnlyDictionary<string, string?> SuiteSettings { get; } = new Dictionary<string, string?>(AgencyBudgets.Unhurried())
    {
        ["Roles"] = "hub,contact-centre",
        ["Messaging:RequestTimeout"] = "00:00:30",
    };

    /// <summary>The telephony system (its development key).</summary>
    public HttpClient Telephony() => CreateClient("telephony");

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

