namespace IntegrationHub.Employment.Registry;

/// <summary>
/// One labour contract as the registry holds it: who, with which employer, from when, and every notification that
/// shaped it (<see cref="History"/>, oldest first). Its terms, status and end on any day are read from the history,
/// so a change notified for a later date takes effect on that date and an earlier day still reads as it was.
/// </summary>
public sealed class ContractRecord
{
    /// <summary>The registry's number, <c>EM-yyyy-nnnnnnn</c>.</summary>
    public string Number { get; set; } = "";
    public string EmployerVoen { get; set; } = "";
    public string EmployerName { get; set; } = "";
    public string Fin { get; set; } = "";
    /// <summary>From the population register through the hub, when the contract was registered (printed on certificates).</summary>
    public string EmployeeName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    /// <summary><see cref="ContractKinds"/>.</summary>
    public string Kind { get; set; } = ContractKinds.Main;
    public DateOnly StartDate { get; set; }
    /// <summary><see cref="ContractTerms"/>.</summary>
    public string Term { get; set; } = ContractTerms.Indefinite;
    /// <summary>The fixed term's last day.</summary>
    public DateOnly? TermEnd { get; set; }
    /// <summary>The termination's date (the last day worked), once notified.</summary>
    public DateOnly? EndDate { get; set; }
    public string? TerminationGround { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public List<ContractEntry> History { get; set; } = [];

    /// <summary>The terms in force on <paramref name="on"/>: the new contract's, with every change effective by then applied (before the start: the start's).</summary>
    public ContractTermsView TermsOn(DateOnly on)
    {
        var first = History[0];
        var terms = new ContractTermsView(first.Position!, first.OccupationCode!, first.Workplace!, first.WeeklyHours!.Value, first.MonthlyWage!.Value);
        foreach (var change in History.Skip(1).Where(e => e.Kind == NotificationKinds.Change && e.Effective <= on))
        {
            terms = new ContractTermsView(
                change.Position ?? terms.Position,
                change.OccupationCode ?? terms.OccupationCode,
                change.Workplace ?? terms.Workplace,
                change.WeeklyHours ?? terms.WeeklyHours,
                change.MonthlyWage ?? terms.MonthlyWage);
        }
        return terms;
    }

    /// <summary>The terms as of <paramref name="today"/>, or as they last were if the contract ended before.</summary>
    public ContractTermsView CurrentTerms(DateOnly today) => TermsOn(EndDate is { } end && end < today ? end : today);

    /// <summary>In force on <paramref name="on"/>: started, and not ended before.</summary>
    public bool InForceOn(DateOnly on) => StartDate <= on && (EndDate is null || EndDate >= on);

    /// <summary>Still open on or after <paramref name="from"/>: not ended before it.</summary>
    public bool OpenFrom(DateOnly from) => EndDate is null || EndDate >= from;

    /// <summary>
    /// The suspension in force on <paramref name="on"/>, if any: notified from that day or before, not past its planned end,
    /// not resumed since. A resumption ends the suspension it was notified after, from its own day: one dated the
    /// suspension's first day leaves no day suspended.
    /// </summary>
    public ContractEntry? SuspensionOn(DateOnly on)
    {
        var at = History.FindLastIndex(e => e.Kind == NotificationKinds.Suspension && e.Effective <= on);
        if (at < 0) return null;
        var suspension = History[at];
        if (suspension.Until is { } until && until < on) return null;
        return ResumedAfter(at, by: on) ? null : suspension;
    }

    /// <summary>The latest suspension not yet ended by a resumption or its planned end (whatever day it starts): what a resumption ends.</summary>
    public ContractEntry? OpenSuspension(DateOnly on)
    {
        var at = History.FindLastIndex(e => e.Kind == NotificationKinds.Suspension);
        if (at < 0) return null;
        var suspension = History[at];
        if (suspension.Until is { } until && until < on) return null;
        return ResumedAfter(at, by: DateOnly.MaxValue) ? null : suspension;
    }

    /// <summary>Whether the suspension at <paramref name="index"/> of the history was resumed by a later notification effective by <paramref name="by"/>.</summary>
    private bool ResumedAfter(int index, DateOnly by)
    {
        var suspension = History[index];
        return History.Skip(index + 1).Any(e => e.Kind == NotificationKinds.Resumption && e.Effective >= suspension.Effective && e.Effective <= by);
    }
}

/// <summary>What a contract's terms are on a day.</summary>
public sealed record ContractTermsView(string Position, string OccupationCode, string Workplace, decimal WeeklyHours, decimal MonthlyWage);

/// <summary>One notification applied to a contract: the new contract's terms, a change, a suspension, a resumption, the termination.</summary>
public sealed class ContractEntry
{
    /// <summary>The notification's number, <c>EMN-yyyy-nnnnnnnn</c>.</summary>
    public string Notification { get; set; } = "";
    /// <summary><see cref="NotificationKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The day it takes effect (the start, the change's day, the suspension's first day, the resumption's day, the last day worked).</summary>
    public DateOnly Effective { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>Who notified: the employer's system (caller name) or officer (staff id).</summary>
    public string By { get; set; } = "";
    public string? Position { get; set; }
    public string? OccupationCode { get; set; }
    public string? Workplace { get; set; }
    public decimal? WeeklyHours { get; set; }
    public decimal? MonthlyWage { get; set; }
    /// <summary>A suspension's planned last day.</summary>
    public DateOnly? Until { get; set; }
    /// <summary>A suspension's reason, or a termination's ground (<see cref="TerminationGrounds"/>).</summary>
    public string? Reason { get; set; }
}
