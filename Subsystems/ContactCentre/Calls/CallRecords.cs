namespace IntegrationHub.ContactCentre.Calls;

/// <summary>Where a call stands.</summary>
public enum CallStatus
{
    /// <summary>In its department's queue, waiting for an operator.</summary>
    Waiting,
    /// <summary>An operator took it and holds it until they close or transfer it.</summary>
    WithOperator,
    /// <summary>The operator closed it.</summary>
    Completed,
    /// <summary>The caller hung up while waiting.</summary>
    Abandoned,
    /// <summary>Answered by the voice menu alone (the last disability exam); never queued.</summary>
    SelfService,
}

/// <summary>What happened to a call, in order: the history an operator and the next department see.</summary>
public static class CallEventKinds
{
    public const string Registered = "registered";
    public const string Answered = "answered";
    public const string CallerIdentified = "caller-identified";
    public const string Note = "note";
    public const string Transferred = "transferred";
    public const string FollowUpOpened = "follow-up-opened";
    public const string Completed = "completed";
    public const string Abandoned = "abandoned";
    public const string HungUp = "hung-up";
}

/// <summary>One entry of a call's history.</summary>
public sealed class CallEvent
{
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>The department the call was in when this happened.</summary>
    public string? Department { get; set; }
    /// <summary>The operator who acted (staff id), if one did.</summary>
    public string? Operator { get; set; }
    /// <summary>Time in the queue, for <see cref="CallEventKinds.Answered"/> and <see cref="CallEventKinds.Abandoned"/>.</summary>
    public long? WaitMilliseconds { get; set; }
    public string? Question { get; set; }
    public string? Answer { get; set; }
    /// <summary>Where a transfer sent the call.</summary>
    public string? ToDepartment { get; set; }
    /// <summary>A transfer's reason, a follow-up's task.</summary>
    public string? Text { get; set; }
    public string? FollowUpId { get; set; }
}

/// <summary>A registered call (collection <c>calls</c>; id = call number).</summary>
public sealed class CallRecord
{
    /// <summary>The call number, <c>142-yyyyMMdd-nnnnnn</c>: the day's sequence.</summary>
    public string Id { get; set; } = "";
    /// <summary>The telephony system's own id of the call: registering it again is the same call.</summary>
    public string TelephonyId { get; set; } = "";
    /// <summary>Null when the caller withheld their number.</summary>
    public string? CallerNumber { get; set; }
    public string Topic { get; set; } = "";
    /// <summary>The department whose queue it is in or was last in; null for the voice menu's calls.</summary>
    public string? Department { get; set; }
    public CallStatus Status { get; set; }
    public DateTimeOffset ArrivedAt { get; set; }
    /// <summary><c>yyyy-MM</c> of arrival, for the statistics.</summary>
    public string Month { get; set; } = "";
    /// <summary>When it joined its current queue (arrival, or its last transfer); the queue's order.</summary>
    public DateTimeOffset? QueuedAt { get; set; }
    /// <summary>The operator holding it.</summary>
    public string? Operator { get; set; }
    /// <summary>From arrival to the first operator's answer; null until answered.</summary>
    public long? FirstWaitMilliseconds { get; set; }
    /// <summary>Earlier calls from the same number when this one arrived (0 for a first call or a withheld number).</summary>
    public int PreviousCalls { get; set; }
    public DateTimeOffset? PreviousCallAt { get; set; }
    public string? PreviousCallNumber { get; set; }
    /// <summary>The caller's FIN once an operator identified them (ID card and birth date checked with the population register); null: anonymous.</summary>
    public string? CallerFin { get; set; }
    public string? CallerName { get; set; }
    public DateTimeOffset? HungUpAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<CallEvent> History { get; set; } = [];
}

/// <summary>Whether a follow-up is still to do.</summary>
public enum FollowUpStatus
{
    Open,
    Done,
}

/// <summary>A task an operator opened on a call, due on a date (collection <c>follow_ups</c>; id = <c>FU-yyyy-nnnnnn</c>).</summary>
public sealed class FollowUpRecord
{
    public string Id { get; set; } = "";
    public string CallNumber { get; set; } = "";
    /// <summary>The department that owes it: the one the call was in when it was opened.</summary>
    public string Department { get; set; } = "";
    /// <summary>The call's topic, for the statistics.</summary>
    public string Topic { get; set; } = "";
    public string Task { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary><c>yyyy-MM</c> of opening, for the statistics.</summary>
    public string Month { get; set; } = "";
    public FollowUpStatus Status { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>A call as the telephony system registers it.</summary>
public sealed record NewCall(string TelephonyId, CallerNumber? CallerNumber, Topic Topic, DateTimeOffset ArrivedAt);
