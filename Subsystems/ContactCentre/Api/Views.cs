namespace IntegrationHub.ContactCentre.Api;

/// <summary>A call as the telephony system registers it. Everything is text so that every mistake is named.</summary>
/// <param name="CallId">The telephony system's own id of the call (1-64 visible ASCII characters): registering it again is the same call.</param>
/// <param name="CallerNumber">The number the call came from: +994 and 9 digits, or + and 7-15 digits for a foreign number; null or absent when withheld.</param>
/// <param name="Topic">The caller's menu choice: social-security, disability-assessment, rehabilitation, employment, labour-law, e-services, or disability-exam (the voice menu's key 0).</param>
public sealed record RegisterCallRequest(string? CallId, string? CallerNumber, string? Topic);

/// <summary>What the caller shows of their ID card: the FIN, the card number and the birth date printed on it.</summary>
public sealed record IdentifyCallerRequest(string? Fin, string? IdCardNumber, string? BirthDate);

/// <summary>The caller's question and the operator's answer (each 1-4,000 characters; line breaks allowed).</summary>
public sealed record CallNoteRequest(string? Question, string? Answer);

/// <param name="Department">The department that should answer: one of the six department keys.</param>
/// <param name="Reason">Why, for the next operator (at most 500 characters, one line).</param>
public sealed record TransferCallRequest(string? Department, string? Reason);

/// <param name="DueDate">yyyy-MM-dd, from today to <c>ContactCentre:FollowUpHorizonDays</c> ahead.</param>
/// <param name="Task">What is to be done (1-1,000 characters; line breaks allowed).</param>
public sealed record OpenFollowUpRequest(string? DueDate, string? Task);

/// <param name="Outcome">What came of it (1-1,000 characters; line breaks allowed).</param>
public sealed record CompleteFollowUpRequest(string? Outcome);

/// <summary>Earlier calls from the same number.</summary>
public sealed record RepeatCaller(int PreviousCalls, DateTimeOffset? LastCallAt, string? LastCallNumber);

/// <param name="Created">False when this call id was registered before (the answer is then 200, the same call).</param>
public sealed record CallRegistered(string CallNumber, string Topic, string? Department, CallStatus Status, DateTimeOffset ArrivedAt, RepeatCaller? RepeatCaller, bool Created)
{
    public static CallRegistered Of(CallRecord c, bool created)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Topic, c.Department, c.Status, c.ArrivedAt, CallView.Repeat(c), created);
    }
}

/// <summary>A call's state as the telephony system sees it.</summary>
public sealed record CallState(string CallNumber, CallStatus Status, DateTimeOffset? HungUpAt);

/// <summary>What the caller shares: their number, and once identified with their ID card, who they are.</summary>
/// <param name="Anonymous">True until the operator checked the caller's ID card.</param>
public sealed record CallerView(bool Anonymous, string? Number, string? Fin, string? Name);

public sealed record CallEventView(
    DateTimeOffset At, string Kind, string? Department, string? Operator, long? WaitSeconds, string? Question, string? Answer,
    string? ToDepartment, string? Text, string? FollowUpId);

/// <summary>A call with its whole history, as an operator of a department that has had it sees it.</summary>
public sealed record CallView(
    string CallNumber, string Topic, string? Department, CallStatus Status, DateTimeOffset ArrivedAt, DateTimeOffset? QueuedAt, string? Operator,
    CallerView Caller, RepeatCaller? RepeatCaller, DateTimeOffset? HungUpAt, IReadOnlyList<CallEventView> History)
{
    public static CallView Of(CallRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Topic, c.Department, c.Status, c.ArrivedAt, c.QueuedAt, c.Operator,
            new CallerView(c.CallerFin is null, c.CallerNumber, c.CallerFin, c.CallerName), Repeat(c), c.HungUpAt,
            [.. c.History.Select(e => new CallEventView(e.At, e.Kind, e.Department, e.Operator, e.WaitMilliseconds / 1000, e.Question, e.Answer, e.ToDepartment, e.Text, e.FollowUpId))]);
    }

    public static RepeatCaller? Repeat(CallRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.PreviousCalls == 0 ? null : new(c.PreviousCalls, c.PreviousCallAt, c.PreviousCallNumber);
    }
}

/// <summary>A call waiting in the department's queue; the number masked (the operator sees it whole once they take the call).</summary>
public sealed record WaitingCallView(string CallNumber, DateTimeOffset QueuedAt, long WaitSeconds, string? CallerNumber, int PreviousCalls);

public sealed record FollowUpView(
    string Id, string CallNumber, string Department, string Task, DateOnly DueDate, FollowUpStatus Status, bool Overdue,
    string OpenedBy, DateTimeOffset OpenedAt, DateTimeOffset? DoneAt, string? DoneBy, string? Outcome)
{
    public static FollowUpView Of(FollowUpRecord f, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.CallNumber, f.Department, f.Task, f.DueDate, f.Status, f.Status == FollowUpStatus.Open && f.DueDate < today,
            f.OpenedBy, f.OpenedAt, f.DoneAt, f.DoneBy, f.Outcome);
    }
}
