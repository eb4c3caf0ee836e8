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
    /// <summary>Empty for an application from an accepted offer until its first decision; LiteDB reads an empty string back as null, so test it with string.IsNullOrEmpty.</summary>
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

    /// <summary>
    /// Everyone known to belong to the household (the applicant, the declared members, the members of each decision's
    /// profile), so that a change about any of them finds the case. Indexed.
    /// </summary>
    public List<string> Household { get; set; } = [];

    /// <summary>The last day of the award in force; null when none is (not approved, or refused on re-evaluation).</summary>
    public DateOnly? AwardUntil { get; set; }

    /// <summary><see cref="ApplicationOrigins.Portal"/> (the citizen filled it in) or <see cref="ApplicationOrigins.Offer"/> (a proactive offer accepted: the declaration is the agencies' data).</summary>
    public string Origin { get; set; } = ApplicationOrigins.Portal;

    /// <summary>The offer this application came from, if any.</summary>
    public string? OfferId { get; set; }

    /// <summary>For an application from an offer, until its declaration is made from the agencies' data: where the citizen hears from the ministry.</summary>
    public ChannelKind? OfferChannel { get; set; }

    public string? OfferChannelAddress { get; set; }

    /// <summary>The next profile is asked anew from every agency (a change in circumstances came in while the case was open).</summary>
    public bool AskFresh { get; set; }

    /// <summary>The caseworker who holds the case (claimed it), until <see cref="ClaimedUntil"/>; nobody else decides it meanwhile.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>For a case with a caseworker: the last profile the hub gave (possibly partial), so the caseworker sees what the machine saw.</summary>
    public string? SnapshotJson { get; set; }

    /// <summary>What the rules found on <see cref="SnapshotJson"/> (a <see cref="Rules.MeansTestResult"/>: missing data, referrals, reasons).</summary>
    public string? FindingsJson { get; set; }

    /// <summary>The document a caseworker asked the citizen for, the last time one was asked.</summary>
    public string? DocumentRequest { get; set; }

    public DateTimeOffset? DocumentRequestedAt { get; set; }

    public string? DocumentRequestedBy { get; set; }
}

/// <summary>Where an application came from.</summary>
public static class ApplicationOrigins
{
    public const string Portal = "portal";

    /// <summary>A proactive offer the citizen accepted: nothing re-entered, the declaration is made from the agencies' data.</summary>
    public const string Offer = "offer";
}

/// <summary>
/// The kinds of decision, one record for all (<see cref="DecisionRecord.Kind"/>): the machine's first decision, a
/// caseworker's, a re-evaluation after a change in circumstances, an appeal's outcome.
/// </summary>
public static class DecisionKinds
{
    public const string Automatic = "automatic";
    public const string Manual = "manual";
    public const string ReEvaluation = "re-evaluation";
    public const string AppealOutcome = "appeal-outcome";
}

/// <summary>
/// A stored decision (collection <c>decisions</c>): what it was made from, so it replays. The first decision on an
/// application has the application number as its id; later ones (a re-evaluation, ...) <c>{number}-{sequence}</c>, each
/// superseding the one before.
/// </summary>
public sealed class DecisionRecord
{
    public string Id { get; set; } = "";

    /// <summary>The application it decides (empty in decisions stored before several per application: the id is the number).</summary>
    public string ApplicationNumber { get; set; } = "";

    /// <summary>1 for the first decision on an application, then 2, 3, ...; 0 in decisions stored before (read as 1).</summary>
    public int Sequence { get; set; }

    /// <summary>One of <see cref="DecisionKinds"/>; empty in decisions stored before (read as automatic).</summary>
    public string Kind { get; set; } = DecisionKinds.Automatic;

    /// <summary>Null for the machine; the officer's id when a person decided.</summary>
    public string? Author { get; set; }

    /// <summary>Why the decision was made, in words (a re-evaluation: "change in circumstances").</summary>
    public string? Justification { get; set; }

    /// <summary>The decision this one replaces, if any.</summary>
    public string? Supersedes { get; set; }

    /// <summary>What prompted it: a life event (kind, day, agency, the hub's change id) or the periodic reconciliation.</summary>
    public string? Trigger { get; set; }

    /// <summary>The declaration the means test read, when not the application's own (made from the agencies' data).</summary>
    public string? DeclarationJson { get; set; }

    /// <summary>The day the means test was run for, when not the application date (a re-evaluation).</summary>
    public DateOnly? EvaluatedOn { get; set; }

    /// <summary>The last day of the award a re-evaluation keeps (a re-evaluation does not renew an award).</summary>
    public DateOnly? PeriodEnd { get; set; }

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

/// <summary>Where a contest stands.</summary>
public static class ContestStates
{
    /// <summary>In the caseworker queue; its correction request is with the agency or on its way.</summary>
    public const string Open = "open";

    /// <summary>A caseworker found the citizen right: the data was wrong.</summary>
    public const string Upheld = "upheld";

    /// <summary>A caseworker found the data right.</summary>
    public const string Rejected = "rejected";
}

/// <summary>Where a correction request to the owning agency stands (the agency's own words, lower-case).</summary>
public static class CorrectionStates
{
    /// <summary>Not yet accepted by the agency (it was away): sent again later.</summary>
    public const string Unsent = "unsent";
    public const string Received = "received";
    public const string Corrected = "corrected";
    public const string Rejected = "rejected";

    public static bool IsFinal(string? state) => state is Corrected or Rejected;
}

/// <summary>
/// A citizen's contest of one item the decision used (collection <c>contests</c>; id <c>CNT-yyyy-nnnnnn</c>): it enters the
/// caseworker queue and, as a correction request, goes to the agency that gave the item.
/// </summary>
public sealed class ContestRecord
{
    public string Id { get; set; } = "";
    public string ApplicationNumber { get; set; } = "";
    public string Fin { get; set; } = "";

    /// <summary>The decision whose data is contested.</summary>
    public string DecisionId { get; set; } = "";

    /// <summary>The item: <c>{member FIN}:{data set}</c> as the preview names it.</summary>
    public string Item { get; set; } = "";
    public string Member { get; set; } = "";
    public string DataSet { get; set; } = "";

    /// <summary>The agency that gave the item (its provenance in the snapshot).</summary>
    public string Agency { get; set; } = "";
    public string Comment { get; set; } = "";

    /// <summary>The document the citizen attached (collection <c>documents</c>), if any.</summary>
    public string? DocumentId { get; set; }
    public string? DocumentType { get; set; }
    public long? DocumentSize { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string State { get; set; } = ContestStates.Open;
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The agency's id of the correction request once it accepted it.</summary>
    public string? CorrectionId { get; set; }
    public string CorrectionState { get; set; } = CorrectionStates.Unsent;
    public string? CorrectionNote { get; set; }
    public int CorrectionAttempts { get; set; }

    /// <summary>When the correction worker sends or asks again; null once the agency answered for good.</summary>
    public DateTimeOffset? CorrectionNextAt { get; set; }
}

/// <summary>A document a citizen attached (collection <c>documents</c>): the bytes as received, type checked by their first bytes.</summary>
public sealed class DocumentRecord
{
    public string Id { get; set; } = "";

    /// <summary><c>application/pdf</c> or <c>image/jpeg</c>, as the bytes say.</summary>
    public string ContentType { get; set; } = "";
    public string FileName { get; set; } = "";
    public byte[] Bytes { get; set; } = [];
    public string Sha256 { get; set; } = "";
    public DateTimeOffset StoredAt { get; set; }
}

/// <summary>Where an appeal stands.</summary>
public static class AppealStates
{
    public const string Open = "open";

    /// <summary>Reviewed: the outcome is a new decision (kind appeal-outcome) superseding the one appealed.</summary>
    public const string Decided = "decided";
}

/// <summary>How an appeal ended, compared with the decision appealed.</summary>
public static class AppealOutcomes
{
    /// <summary>The new decision says what the appealed one said (same outcome and amount).</summary>
    public const string Upheld = "upheld";

    /// <summary>The outcome or the amount changed.</summary>
    public const string Changed = "changed";
}

/// <summary>
/// A citizen's appeal against a refusal (collection <c>appeals</c>; id <c>APL-yyyy-nnnnnn</c>): reviewed by a caseworker
/// other than the one who decided, by <see cref="DueDate"/>.
/// </summary>
public sealed class AppealRecord
{
    public string Id { get; set; } = "";
    public string ApplicationNumber { get; set; } = "";
    public string Fin { get; set; } = "";

    /// <summary>The decision appealed (the refusal in force when the appeal came).</summary>
    public string DecisionId { get; set; } = "";

    /// <summary>Who made it: null for the machine (then any caseworker reviews).</summary>
    public string? DecidedBy { get; set; }
    public string Grounds { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateOnly DueDate { get; set; }
    public string State { get; set; } = AppealStates.Open;

    /// <summary>The appeal's outcome: <see cref="AppealOutcomes"/>.</summary>
    public string? Outcome { get; set; }
    public string? OutcomeDecisionId { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
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

/// <summary>A change in circumstances the hub told this module of (collection <c>changes</c>; id = the hub's change id): each is handled once.</summary>
public sealed class ChangeRecord
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public List<string> Fins { get; set; } = [];
    public DateOnly Date { get; set; }
    public string Source { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>What it led to, for the record: awards to re-evaluate, open cases asked about again, offers made.</summary>
    public int Awards { get; set; }
    public int OpenCases { get; set; }
    public int Offers { get; set; }
}

/// <summary>Where a re-evaluation stands, and what it found.</summary>
public static class ReEvaluationStates
{
    /// <summary>Waiting for its fresh profile (again, after no answer or missing data).</summary>
    public const string Pending = "pending";

    /// <summary>The outcome or the amount changed: a new decision was made.</summary>
    public const string Changed = "changed";

    /// <summary>Recorded as checked: the award stands as it was.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The rules leave the new situation to a person: recorded, the award stands until a caseworker decides.</summary>
    public const string Referred = "referred";

    /// <summary>Nothing to re-evaluate any more (the award ended, or was decided again meanwhile), or the hub refused the request.</summary>
    public const string Skipped = "skipped";
}

/// <summary>One award to check against a fresh profile (collection <c>reevaluations</c>), after a change or at reconciliation.</summary>
public sealed class ReEvaluationRecord
{
    /// <summary><c>{change id or reconciliation-yyyyMMdd}:{application number}</c>: one per change and application.</summary>
    public string Id { get; set; } = "";
    public string ApplicationNumber { get; set; } = "";

    /// <summary>A life event's kind, or <c>reconciliation</c>.</summary>
    public string TriggerKind { get; set; } = "";

    /// <summary>In words: kind, day, agency and change id, or the reconciliation's day.</summary>
    public string Trigger { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string State { get; set; } = ReEvaluationStates.Pending;

    /// <summary>When the worker asks next; null once it is done.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>The hub request id: kept while the hub has not answered, renewed after missing data.</summary>
    public Guid RequestId { get; set; }
    public string? LastProblem { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The means test's outcome on the fresh profile, and the amount, once run.</summary>
    public string? Outcome { get; set; }
    public decimal? MonthlyAmount { get; set; }

    /// <summary>The new decision, when the outcome changed.</summary>
    public string? DecisionId { get; set; }
}

/// <summary>Where a proactive offer stands.</summary>
public static class OfferStates
{
    public const string Offered = "offered";
    public const string Accepted = "accepted";
}

/// <summary>
/// A proactive offer (collection <c>offers</c>; id <c>OFR-yyyy-nnnnnn</c>): a child was born into a household without an
/// award, so the parent is told they may be entitled and can apply with one click, nothing re-entered.
/// </summary>
public sealed class OfferRecord
{
    public string Id { get; set; } = "";

    /// <summary>The parent the offer is made to (the applicant once accepted).</summary>
    public string Fin { get; set; } = "";

    /// <summary>The hub's change id of the birth.</summary>
    public string ChangeId { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public ChannelKind Channel { get; set; }

    /// <summary>Phone or e-mail of the parent's last application, or null for the e-cabinet.</summary>
    public string? ChannelAddress { get; set; }
    public string State { get; set; } = OfferStates.Offered;
    public string? ApplicationNumber { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}
