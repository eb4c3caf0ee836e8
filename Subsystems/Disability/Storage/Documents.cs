using System.Text.Json.Serialization;
using LiteDB;

namespace IntegrationHub.Disability.Storage;

/// <summary>Where a referral stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    /// <summary>Accepted; the hub has not yet answered with the person's records (asked again in the background).</summary>
    AwaitingRecords,
    /// <summary>Records in; waiting for the commission's result.</summary>
    AwaitingResult,
    /// <summary>The commission's result is in.</summary>
    Decided,
}

/// <summary>One referral (form 88) and, once decided, its exam result. Keyed by the referral number.</summary>
public sealed class CaseDocument
{
    [BsonId]
    public string ReferralNumber { get; set; } = "";
    public string Fin { get; set; } = "";
    /// <summary>The referring doctor's clinic (their token's); only that clinic's doctors read the case.</summary>
    public string Clinic { get; set; } = "";
    public List<string> Diagnoses { get; set; } = [];
    public DateOnly IssuedOn { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The doctor (staff id) who sent it; the officer of the hub requests for its records.</summary>
    public string SubmittedBy { get; set; } = "";
    public CaseStatus Status { get; set; }
    public int RecordAttempts { get; set; }
    public PersonDocument? Person { get; set; }
    /// <summary>The person's health records as the hub gave them (JSON of <see cref="HealthData"/>); null when the health registries did not answer.</summary>
    public string? HealthRecordsJson { get; set; }
    /// <summary>Data sets the hub could not give (e.g. "health: TimedOut"), for the commission to see what is missing.</summary>
    public List<string> MissingRecords { get; set; } = [];
    /// <summary>Earlier assessments from the disability registry, at referral time.</summary>
    public List<AssessmentDocument> EarlierExams { get; set; } = [];
    public ResultDocument? Result { get; set; }
    /// <summary>The referral whose result this one replaced on appeal (the central commission's changed result); null for a first result.</summary>
    public string? AppealOf { get; set; }
    /// <summary>The central commission's result that replaced this one on appeal; null while this result stands.</summary>
    public string? SupersededBy { get; set; }
}

/// <summary>Where an appeal stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AppealStatus>))]
public enum AppealStatus
{
    /// <summary>With the central commission, to be decided by its due date.</summary>
    Pending,
    /// <summary>Decided: the result stands.</summary>
    Confirmed,
    /// <summary>Decided: a new result (a case of its own, <see cref="AppealDocument.NewReferralNumber"/>) replaced it.</summary>
    Changed,
}

/// <summary>A citizen's appeal against an exam result, keyed by the appealed referral's number (one appeal per result).</summary>
public sealed class AppealDocument
{
    [BsonId]
    public string ReferralNumber { get; set; } = "";
    public string Fin { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset FiledAt { get; set; }
    /// <summary>The central commission decides by this day (<c>Disability:Appeals:DecisionWorkingDays</c> after filing).</summary>
    public DateOnly DueOn { get; set; }
    public AppealStatus Status { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The central commission's member (staff id).</summary>
    public string? DecidedBy { get; set; }
    public string? Justification { get; set; }
    /// <summary>The case of the changed result.</summary>
    public string? NewReferralNumber { get; set; }
    /// <summary>The extract of the changed result that superseded the citizen's extracts of the first (none when they held none).</summary>
    public string? NewExtractCode { get; set; }
    /// <summary>Changed, but the citizen's extracts of the first result are not yet marked superseded (done right after, or by the next worker round).</summary>
    public bool SupersedePending { get; set; }
}

/// <summary>Who the person is, from the population register through the hub at referral time.</summary>
public sealed class PersonDocument
{
    public string GivenName { get; set; } = "";
    public string Surname { get; set; } = "";
    public string? Patronymic { get; set; }
    public DateOnly BirthDate { get; set; }
    public Sex Sex { get; set; }
    /// <summary>The ID card the anonymous lookup is keyed on.</summary>
    public string? IdCardNumber { get; set; }

    public string FullName => Patronymic is null ? $"{Surname} {GivenName}" : $"{Surname} {GivenName} {Patronymic}";
}

public sealed class AssessmentDocument
{
    public int Percent { get; set; }
    public DisabilityCause Cause { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
    public bool Indefinite { get; set; }
}

/// <summary>The commission's result: what it entered and what the module derived from it.</summary>
public sealed class ResultDocument
{
    public int Percent { get; set; }
    public DisabilityCategory Category { get; set; }
    public int? FormerDegree { get; set; }
    public DisabilityCause Cause { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? NextExam { get; set; }
    public bool Indefinite { get; set; }
    public string? IndefiniteReason { get; set; }
    public string? Recommendations { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string DecidedBy { get; set; } = "";
}

/// <summary>One anonymous lookup let through by the limits (answered, no match, or invalid input); kept for <c>Lookup:Retention</c>.</summary>
public sealed class LookupDocument
{
    /// <summary>The outcomes that count against the card's limit.</summary>
    public const string Answered = "answered";
    public const string NoMatch = "no-match";
    public const string Invalid = "invalid";

    [BsonId]
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary><c>web</c> or <c>call-centre</c>.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Client address (web) or the caller's phone number (call centre).</summary>
    public string Client { get; set; } = "";
    /// <summary>The ID card number as typed (cut to 16 characters).</summary>
    public string IdCardNumber { get; set; } = "";
    /// <summary><c>answered</c>, <c>no-match</c> or <c>invalid</c>; <c>answered</c> and <c>no-match</c> count against the card's limit.</summary>
    public string Outcome { get; set; } = "";
}

/// <summary>Lookups refused by a limit over one period, for one channel, client and limit (counted in memory, written together).</summary>
public sealed class LookupRefusalDocument
{
    [BsonId]
    public Guid Id { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public string Channel { get; set; } = "";
    /// <summary>Client address or caller number, or <c>(others)</c> beyond the clients told apart in one period.</summary>
    public string Client { get; set; } = "";
    /// <summary><c>client</c> (the per-client limit) or <c>card</c> (the per-card limit).</summary>
    public string Limit { get; set; } = "";
    public long Count { get; set; }
}
