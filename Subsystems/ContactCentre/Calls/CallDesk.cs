using IntegrationHub.ContactCentre.Api;

namespace IntegrationHub.ContactCentre.Calls;

/// <summary>An operator acting on calls: their staff id and their department (from their token).</summary>
public sealed record OperatorAt(string Id, string Department);

/// <summary>
/// The contact centre's work: the telephony system registers calls and hang-ups; operators take calls from their
/// department's queue, identify the caller, note the question and the answer, transfer, open follow-ups and close.
/// Every change is a function of the stored call (<see cref="ICallStore.ChangeAsync{T}"/>), committed before it is
/// acknowledged; the <see cref="LiveBoard"/> follows each commit.
/// </summary>
public sealed partial class CallDesk(ICallStore store, LiveBoard board, IOptions<ContactCentreOptions> options, TimeProvider time, ILogger<CallDesk> logger)
{
    /// <summary>The subsystem and purpose under which operators check a caller's ID card with the hub (Trust:Policy).</summary>
    public const string Subsystem = "contact-centre";
    public const string IdentificationPurpose = "contact-centre-identification";

    public ContactCentreOptions Options => options.Value;

    /// <summary>Registers a call as it arrives; the same telephony id again is the same call (<c>Created</c> false).</summary>
    public async Task<(CallRecord? Call, bool Created, ApiProblem? Problem)> RegisterAsync(
        string telephonyId, CallerNumber? number, Topic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var (call, created) = await store.RegisterAsync(new NewCall(telephonyId, number, topic, Now()), cancellationToken);
        if (!created)
        {
            if (call.CallerNumber != number?.Value || call.Topic != topic.Key)
            {
                return (null, false, new(409, ContactCentreCodes.CallIdReused,
                    $"Call id {telephonyId} was registered as call {call.Id} with another number or topic; a new call needs a new id.", "callId"));
            }
            return (call, false, null);
        }
        if (call.Status == CallStatus.Waiting) board.Enqueue(call.Department!, Queued(call));
        if (call.PreviousCalls > 0) LogRepeatCaller(logger, call.Id, number!.Masked, call.PreviousCalls);
        return (call, true, null);
    }

    /// <summary>The caller hung up: a waiting call is abandoned; a call with an operator or the voice menu ends there.</summary>
    public async Task<(CallRecord? Call, ApiProblem? Problem)> HangUpAsync(string number, CancellationToken cancellationToken)
    {
        var now = Now();
        var (call, abandoned) = await store.ChangeAsync(number, c =>
        {
            if (c is null) return new CallChange<(CallRecord?, QueueOutcome?)>(false, (null, null));
            // Told twice (a retry), it happened once.
            if (c.HungUpAt is not null || c.Status == CallStatus.Abandoned) return new(false, (c, null));
            c.HungUpAt = now;
            c.UpdatedAt = now;
            QueueOutcome? outcome = null;
            if (c.Status == CallStatus.Waiting)
            {
                var wait = now - c.QueuedAt!.Value;
                c.Status = CallStatus.Abandoned;
                c.History.Add(new CallEvent { At = now, Kind = CallEventKinds.Abandoned, Department = c.Department, WaitMilliseconds = Milliseconds(wait) });
                outcome = new QueueOutcome(now, c.Department!, Answered: false, wait);
            }
            else
            {
                c.History.Add(new CallEvent { At = now, Kind = CallEventKinds.HungUp, Department = c.Department, Operator = c.Operator });
            }
            return new(true, (c, outcome));
        }, cancellationToken);
        if (call is null) return (null, UnknownCall(number));
        if (abandoned is not null)
        {
            board.Remove(number);
            board.Record(abandoned);
        }
        return (call, null);
    }

    /// <summary>The oldest call waiting in the operator's department, now theirs; null when nobody waits.</summary>
    public async Task<(CallRecord? Call, ApiProblem? Problem)> TakeNextAsync(OperatorAt by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!board.TryClaim(by.Id, out var held))
        {
            return (null, new(409, ContactCentreCodes.CallInHand, held is null
                ? "Another request of yours is taking a call right now."
                : $"You hold call {held}: close or transfer it before taking another."));
        }
        var taken = false;
        try
        {
            while (board.Dequeue(by.Department) is { } head)
            {
                var now = Now();
                CallRecord? call;
                try
                {
                    call = await store.ChangeAsync(head.Number, c =>
                    {
                        // The caller may have hung up, or the call moved, since it was queued: then it is not taken.
                        if (c is null || c.Status != CallStatus.Waiting || c.Department != by.Department) return new CallChange<CallRecord?>(false, null);
                        c.Status = CallStatus.WithOperator;
                        c.Operator = by.Id;
                        c.FirstWaitMilliseconds ??= Milliseconds(now - c.ArrivedAt);
                        c.UpdatedAt = now;
                        c.History.Add(new CallEvent
                        {
                            At = now, Kind = CallEventKinds.Answered, Department = by.Department, Operator = by.Id, WaitMilliseconds = Milliseconds(now - c.QueuedAt!.Value),
                        });
                        return new(true, c);
                    }, cancellationToken);
                }
                catch
                {
                    // Not written: the call keeps its place at the head of the queue.
                    board.Enqueue(by.Department, head);
                    throw;
                }
                if (call is null) continue;
                board.Hold(by.Id, call.Id);
                taken = true;
                board.Record(new QueueOutcome(now, by.Department, Answered: true, now - head.QueuedAt));
                return (call, null);
            }
            return (null, null);
        }
        finally
        {
            if (!taken) board.Release(by.Id, null);
        }
    }

    /// <summary>A call the operator's department has had: waiting there, answered there, transferred there or from there.</summary>
    public CallRecord? Visible(string number, string department)
    {
        var call = store.Find(number);
        return call is not null && call.History.Any(e => e.Department == department || e.ToDepartment == department) ? call : null;
    }

    /// <summary>The caller showed the operator their ID card: checked with the population register through the hub.</summary>
    public async Task<(CallRecord? Call, ApiProblem? Problem)> IdentifyAsync(
        string number, OperatorAt by, ShownIdCard shown, IdentityCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(check);
        if (InHandProblem(Visible(number, by.Department), number, by) is { } problem) return (null, problem);
        var result = await check.CheckAsync(new IdentityCheckRequest(shown, Subsystem, IdentificationPurpose, number, by.Id), cancellationToken);
        switch (result.Outcome)
        {
            case IdentityCheckOutcome.Unavailable:
                return (null, new(503, ContactCentreCodes.IdentityCheckUnavailable,
                    "The population register could not be asked through the hub just now; the caller stays anonymous. Try again in a minute."));
            case IdentityCheckOutcome.Mismatch:
                return (null, new(422, ContactCentreCodes.IdentityMismatch,
                    "The ID card number and birth date do not match the population register's record for this FIN (or there is no such person). The caller stays anonymous."));
        }
        var identity = result.Identity!;
        var now = Now();
        return await ActAsync(number, by, c =>
        {
            c.CallerFin = shown.Fin.Value;
            c.CallerName = $"{identity.GivenName} {identity.Surname}";
            c.History.Add(new CallEvent { At = now, Kind = CallEventKinds.CallerIdentified, Department = c.Department, Operator = by.Id });
        }, cancellationToken);
    }

    /// <summary>The caller's question and the operator's answer, in the call's history.</summary>
    public Task<(CallRecord? Call, ApiProblem? Problem)> NoteAsync(string number, OperatorAt by, string question, string answer, CancellationToken cancellationToken)
    {
        var now = Now();
        return ActAsync(number, by, c => c.History.Add(new CallEvent
        {
            At = now, Kind = CallEventKinds.Note, Department = c.Department, Operator = by.Id, Question = question, Answer = answer,
        }), cancellationToken);
    }

    /// <summary>Sends the call to the end of another department's queue; its history goes with it.</summary>
    public async Task<(CallRecord? Call, ApiProblem? Problem)> TransferAsync(
        string number, OperatorAt by, string department, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (department == by.Department) return (null, ApiProblem.BadRequest(ContactCentreCodes.SameDepartment, "The call is in this department already.", "department"));
        var now = Now();
        var gone = false;
        var (call, problem) = await ActAsync(number, by, c =>
        {
            if (c.HungUpAt is not null)
            {
                gone = true;
                return false;
            }
            c.History.Add(new CallEvent { At = now, Kind = CallEventKinds.Transferred, Department = c.Department, ToDepartment = department, Operator = by.Id, Text = reason });
            c.Department = department;
            c.Status = CallStatus.Waiting;
            c.Operator = null;
            c.QueuedAt = now;
            return true;
        }, cancellationToken);
        if (gone) return (null, new(409, ContactCentreCodes.NotInHand, "The caller has hung up: there is nobody to transfer. Note the call and close it, or open a follow-up."));
        if (call is null) return (null, problem);
        board.Release(by.Id, number);
        board.Enqueue(department, Queued(call));
        return (call, null);
    }

    /// <summary>Opens a follow-up owed by the operator's department, due on <paramref name="dueDate"/>.</summary>
    public async Task<(CallRecord? Call, FollowUpRecord? FollowUp, ApiProblem? Problem)> OpenFollowUpAsync(
        string number, OperatorAt by, DateOnly dueDate, string task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = Now();
        var (call, followUp, problem) = await store.ChangeAsync(number, c =>
        {
            if (InHandProblem(c is null ? null : Visible(c, by.Department), number, by) is { } p) return new CallChange<(CallRecord?, FollowUpRecord?, ApiProblem?)>(false, (null, null, p));
            var id = $"FU-{c!.Id}-{c.History.Count(e => e.Kind == CallEventKinds.FollowUpOpened) + 1}";
            var record = new FollowUpRecord
            {
                Id = id, CallNumber = c.Id, Department = by.Department, Topic = c.Topic, Task = task, DueDate = dueDate, OpenedBy = by.Id, OpenedAt = now,
                Month = Month(now), Status = FollowUpStatus.Open,
            };
            c.History.Add(new CallEvent { At = now, Kind = CallEventKinds.FollowUpOpened, Department = c.Department, Operator = by.Id, FollowUpId = id, Text = task });
            c.UpdatedAt = now;
            return new(true, (c, record, null), record);
        }, cancellationToken);
        if (followUp is not null) board.FollowUpsChanged();
        return (call, followUp, problem);
    }

    /// <summary>Ends the call; the operator is free for the next one.</summary>
    public async Task<(CallRecord? Call, ApiProblem? Problem)> CloseAsync(string number, OperatorAt by, CancellationToken cancellationToken)
    {
        var now = Now();
        var result = await ActAsync(number, by, c =>
        {
            c.Status = CallStatus.Completed;
            c.Operator = null;
            c.History.Add(new CallEvent { At = now, Kind = CallEventKinds.Completed, Department = c.Department, Operator = by.Id });
        }, cancellationToken);
        if (result.Call is not null) board.Release(by.Id, number);
        return result;
    }

    /// <summary>The department's open follow-ups, earliest due first.</summary>
    public IReadOnlyList<FollowUpRecord> OpenFollowUps(string department) =>
        [.. store.OpenFollowUps().Where(f => f.Department == department).OrderBy(f => f.DueDate).ThenBy(f => f.OpenedAt)];

    public FollowUpRecord? FollowUp(string id) => store.FindFollowUp(id);

    /// <summary>Marks a follow-up of the operator's department done, with what came of it.</summary>
    public async Task<(FollowUpRecord? FollowUp, ApiProblem? Problem)> CompleteFollowUpAsync(string id, OperatorAt by, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = Now();
        var result = await store.ChangeFollowUpAsync(id, f =>
        {
            // Another department's follow-up is not theirs to know about.
            if (f is null || f.Department != by.Department) return (false, ((FollowUpRecord?)null, (ApiProblem?)new(404, ContactCentreCodes.UnknownFollowUp, $"No follow-up {id} in your department.", "id")));
            if (f.Status == FollowUpStatus.Done) return (false, (null, new(409, ContactCentreCodes.FollowUpDone, $"Follow-up {id} was done on {f.DoneAt:yyyy-MM-dd} by {f.DoneBy}.", "id")));
            f.Status = FollowUpStatus.Done;
            f.DoneAt = now;
            f.DoneBy = by.Id;
            f.Outcome = outcome;
            return (true, (f, null));
        }, cancellationToken);
        if (result.Item1 is not null) board.FollowUpsChanged();
        return result;
    }

    public IReadOnlyList<QueuedCall> Queue(string department) => board.Queue(department);

    /// <summary>Fills the board from the store: the queues, who holds what, and the last hour's answered and abandoned calls.</summary>
    public void Rebuild()
    {
        var now = Now();
        board.Clear();
        foreach (var call in store.InStatus(CallStatus.Waiting)) board.Enqueue(call.Department!, Queued(call));
        foreach (var call in store.InStatus(CallStatus.WithOperator)) board.Hold(call.Operator!, call.Id);
        foreach (var call in store.ChangedSince(now - LiveBoard.Window))
        {
            foreach (var e in call.History.Where(e => e.At >= now - LiveBoard.Window && e.Kind is CallEventKinds.Answered or CallEventKinds.Abandoned))
            {
                board.Record(new QueueOutcome(e.At, e.Department!, e.Kind == CallEventKinds.Answered, TimeSpan.FromMilliseconds(e.WaitMilliseconds ?? 0)));
            }
        }
    }

    /// <summary>Runs <paramref name="act"/> on the call if the operator holds it; the act may decline (false) to write nothing.</summary>
    private Task<(CallRecord? Call, ApiProblem? Problem)> ActAsync(string number, OperatorAt by, Action<CallRecord> act, CancellationToken cancellationToken) =>
        ActAsync(number, by, c =>
        {
            act(c);
            return true;
        }, cancellationToken);

    private Task<(CallRecord? Call, ApiProblem? Problem)> ActAsync(string number, OperatorAt by, Func<CallRecord, bool> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var now = Now();
        return store.ChangeAsync(number, c =>
        {
            if (InHandProblem(c is null ? null : Visible(c, by.Department), number, by) is { } problem) return new CallChange<(CallRecord?, ApiProblem?)>(false, (null, problem));
            if (!act(c!)) return new(false, (null, null));
            c!.UpdatedAt = now;
            return new(true, (c, null));
        }, cancellationToken);
    }

    private static CallRecord? Visible(CallRecord call, string department) =>
        call.History.Any(e => e.Department == department || e.ToDepartment == department) ? call : null;

    /// <summary>Null when <paramref name="by"/> holds the call; otherwise why they cannot act on it.</summary>
    private static ApiProblem? InHandProblem(CallRecord? visible, string number, OperatorAt by)
    {
        if (visible is null) return UnknownCall(number);
        if (visible.Status == CallStatus.WithOperator && visible.Operator == by.Id) return null;
        return new(409, ContactCentreCodes.NotInHand, visible.Status switch
        {
            CallStatus.WithOperator => $"Call {number} is with another operator.",
            CallStatus.Waiting => $"Call {number} is waiting in a queue: take it first.",
            _ => $"Call {number} has ended ({visible.Status}).",
        });
    }

    private static ApiProblem UnknownCall(string number) =>
        new(404, ContactCentreCodes.UnknownCall, $"No call {number} (or none your department has had).", "callNumber");

    private static QueuedCall Queued(CallRecord call) => new(call.Id, call.QueuedAt!.Value, call.CallerNumber, call.PreviousCalls);

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    /// <summary>The clock's now to the millisecond: what the store keeps, so an answer shows the instant a later read shows.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallNumber} from a repeat caller ({CallerNumber}, {PreviousCalls} earlier calls)")]
    private static partial void LogRepeatCaller(ILogger logger, string callNumber, string callerNumber, int previousCalls);
}
