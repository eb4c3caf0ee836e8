using System.Text.Json.Serialization;

namespace IntegrationHub.Assistance.Applications;

/// <summary>Where a case stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    /// <summary>Stored and acknowledged; the hub has not been asked yet.</summary>
    Registered,
    /// <summary>The hub did not answer, or answered without data the rules need: asked again later.</summary>
    AwaitingData,
    /// <summary>
    /// A caseworker looks at it: near the deadline without a decision (data is still asked for), or for good when the hub
    /// refused the request or the rules leave the question to a person (a spouse registered at another address).
    /// </summary>
    WithCaseworker,
    Approved,
    Refused,
}

/// <summary>How an application reached the ministry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplicationChannel>))]
public enum ApplicationChannel
{
    /// <summary>The citizen applied themselves, signed in (the e-government portal).</summary>
    Online,
    /// <summary>Post-office staff submitted it with the citizen, who came in person with their ID card.</summary>
    PostOffice,
}

/// <summary>Who submitted an application on a citizen's behalf, and the ID card check that came first.</summary>
/// <param name="Office">The post office (the staff member's token).</param>
/// <param name="Officer">The staff member's id.</param>
/// <param name="IdentityCheck">The case number under which the hub checked the ID card (in the hub's audit).</param>
public sealed record AssistedBy(string Office, string Officer, string IdentityCheck);

/// <summary>A stored application (collection <c>applications</c>; id = application number).</summary>
public sealed class ApplicationRecord
{
    public string Id { get; set; } = "";
    public string Applicant { get; set; } = "";
    public string? IdempotencyKey { get; set; }
    public string ContentHash { get; set; } = "";
    public string DeclarationJson { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public DateOnly ApplicationDate { get; set; }
    public DateOnly DueDate { get; set; }
    public CaseStatus Status { get; set; }
    /// <summary>The hub request id: reused while the hub has not answered, renewed after a partial profile.</summary>
    public Guid RequestId { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the worker asks the hub next; null when nothing more is asked (decided, or refused by the hub).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastProblem { get; set; }
    public string? CaseworkerReason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Online for applications stored before channels were recorded.</summary>
    public ApplicationChannel Channel { get; set; }
    /// <summary>The post office, for <see cref="ApplicationChannel.PostOffice"/>.</summary>
    public string? Office { get; set; }
    /// <summary>The staff member who submitted it, for <see cref="ApplicationChannel.PostOffice"/>.</summary>
    public string? Officer { get; set; }
    /// <summary>The hub case number of the ID card check made before a post-office submission.</summary>
    public string? IdentityCheck { get; set; }
}

/// <summary>A stored decision (collection <c>decisions</c>; id = application number): what it was made from, so it replays.</summary>
public sealed class DecisionRecord
{
    public string Id { get; set; } = "";
    public string RuleVersion { get; set; } = "";
    public string Outcome { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }
    /// <summary>The household profile exactly as the hub gave it.</summary>
    public string ProfileJson { get; set; } = "";
    /// <summary>The means test's result: counted members, incomes, figures, reasons.</summary>
    public string ResultJson { get; set; } = "";
    public string TextAz { get; set; } = "";
    public string TextEn { get; set; } = "";
}

/// <summary>A rule version as used by some decision (collection <c>rules</c>; id = version).</summary>
public sealed class RuleSetRecord
{
    public string Id { get; set; } = "";
    public string Json { get; set; } = "";
    public DateTimeOffset FirstUsedAt { get; set; }
}

/// <summary>A notice to send (collection <c>outbox</c>): written in the same commit as what it announces.</summary>
public sealed class OutboxRecord
{
    /// <summary><c>{application number}:{kind}</c>: one notice of each kind per application.</summary>
    public string Id { get; set; } = "";
    public string ApplicationNumber { get; set; } = "";
    /// <summary><c>registration</c> or <c>decision</c>.</summary>
    public string Kind { get; set; } = "";
    public ChannelKind Channel { get; set; }
    /// <summary>Phone number, e-mail address, or the applicant's FIN for the e-cabinet.</summary>
    public string Address { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextAz { get; set; } = "";
    public string TextEn { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A named counter (collection <c>counters</c>), e.g. the application numbers of a year.</summary>
public sealed class CounterRecord
{
    public string Id { get; set; } = "";
    public long Value { get; set; }
}
