using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Employment.Registry;

/// <summary>
/// A notification as an employer sends it, every field as typed: one shape for the single endpoints and for every line
/// of a bulk file (CSV columns and JSON-lines keys have these names). Which fields a kind needs: docs/problems.md and
/// the module's README.
/// </summary>
public sealed record NotificationInput
{
    public string? Kind { get; init; }
    public string? ContractNumber { get; init; }
    public string? EmployerVoen { get; init; }
    public string? Fin { get; init; }
    public string? Position { get; init; }
    public string? OccupationCode { get; init; }
    public string? Workplace { get; init; }
    public string? StartDate { get; init; }
    public string? Term { get; init; }
    public string? EndDate { get; init; }
    public string? ContractKind { get; init; }
    public string? WeeklyHours { get; init; }
    public string? MonthlyWage { get; init; }
    public string? EffectiveDate { get; init; }
    public string? Until { get; init; }
    public string? Reason { get; init; }
    public string? Ground { get; init; }
}

/// <summary>A notification whose fields are well-formed, ready for the registry's checks against its records.</summary>
public abstract record Notification(string Kind)
{
    /// <summary>The day it takes effect, checked against today + <c>MaxDaysAhead</c>.</summary>
    public abstract DateOnly Effective { get; }
}

public sealed record NewContract(
    Fin Fin, string Position, string OccupationCode, string Workplace, DateOnly StartDate, string Term, DateOnly? TermEnd,
    decimal WeeklyHours, decimal MonthlyWage, string ContractKind) : Notification(NotificationKinds.New)
{
    public override DateOnly Effective => StartDate;
}

public sealed record ContractChange(
    string ContractNumber, DateOnly EffectiveDate, string? Position, string? OccupationCode, string? Workplace, decimal? WeeklyHours, decimal? MonthlyWage)
    : Notification(NotificationKinds.Change)
{
    public override DateOnly Effective => EffectiveDate;
}

public sealed record ContractSuspension(string ContractNumber, DateOnly From, DateOnly? Until, string Reason) : Notification(NotificationKinds.Suspension)
{
    public override DateOnly Effective => From;
}

public sealed record ContractResumption(string ContractNumber, DateOnly On) : Notification(NotificationKinds.Resumption)
{
    public override DateOnly Effective => On;
}

public sealed record ContractTermination(string ContractNumber, DateOnly On, string Ground) : Notification(NotificationKinds.Termination)
{
    public override DateOnly Effective => On;
}

/// <summary>
/// Reads a <see cref="NotificationInput"/> into a <see cref="Notification"/>, or the first problem with its code and
/// field. Only the form is checked here (and that the employer named is the one asking); the rules that need the
/// employee or the registry's records are the <see cref="Registrar"/>'s.
/// </summary>
public static class NotificationParser
{
    public const int MaxText = 200;
    public const int MaxWage = 1_000_000;
    public const int MaxWeeklyHours = 168;
    private static readonly DateOnly Earliest = new(1950, 1, 1);

    /// <param name="employerVoen">The VÖEN of the employer asking (from its key or its officer's token).</param>
    /// <param name="kind">The kind, when the endpoint decides it (a line of a file names its own; absent there means new).</param>
    public static (Notification? Notification, ApiProblem? Problem) Parse(NotificationInput input, string employerVoen, string? kind, DateOnly today, int maxDaysAhead)
    {
        ArgumentNullException.ThrowIfNull(input);
        kind ??= string.IsNullOrWhiteSpace(input.Kind) ? NotificationKinds.New : input.Kind.Trim().ToLowerInvariant();
        if (!NotificationKinds.All.Contains(kind))
        {
            return Fail(EmploymentCodes.InvalidNotificationKind, $"kind is one of {string.Join(", ", NotificationKinds.All)}.", "kind");
        }
        if (!string.IsNullOrWhiteSpace(input.EmployerVoen))
        {
            if (!Voen.TryParse(input.EmployerVoen.Trim(), out var named, out var voenError)) return Fail(EmploymentCodes.InvalidVoen, voenError, "employerVoen");
            if (named.Value != employerVoen)
            {
                return (null, new ApiProblem(403, EmploymentCodes.NotYourEmployer,
                    "An employer notifies its own contracts only: employerVoen is not the VÖEN of the employer whose credentials were used.", "employerVoen"));
            }
        }
        var latest = today.AddDays(maxDaysAhead);
        var parsed = kind switch
        {
            NotificationKinds.New => New(input, latest),
            NotificationKinds.Change => Change(input, latest),
            NotificationKinds.Suspension => Suspension(input, latest),
            NotificationKinds.Resumption => Resumption(input, latest),
            _ => Termination(input, latest),
        };
        return parsed;
    }

    private static (Notification?, ApiProblem?) New(NotificationInput i, DateOnly latest)
    {
        if (!Fin.TryParse(i.Fin?.Trim(), out var fin, out var finError)) return Fail(EmploymentCodes.InvalidFin, finError, "fin");
        if (Text(i.Position, "position", EmploymentCodes.MissingPosition, out var position) is { } p1) return (null, p1);
        if (!OccupationCodes.IsValid(i.OccupationCode?.Trim())) return Fail(EmploymentCodes.InvalidOccupationCode, "occupationCode is the occupation's code in the classifier of occupations: four digits (ISCO-08 unit group).", "occupationCode");
        if (Text(i.Workplace, "workplace", EmploymentCodes.MissingWorkplace, out var workplace) is { } p2) return (null, p2);
        if (Date(i.StartDate, "startDate", latest, out var start) is { } p3) return (null, p3);
        var term = string.IsNullOrWhiteSpace(i.Term) ? ContractTerms.Indefinite : i.Term.Trim().ToLowerInvariant();
        if (!ContractTerms.All.Contains(term)) return Fail(EmploymentCodes.InvalidTerm, "term is indefinite or fixed.", "term");
        DateOnly? termEnd = null;
        if (term == ContractTerms.Fixed)
        {
            if (string.IsNullOrWhiteSpace(i.EndDate)) return Fail(EmploymentCodes.InvalidTerm, "A fixed-term contract names its last day (endDate).", "endDate");
            if (Date(i.EndDate, "endDate", DateOnly.MaxValue, out var end) is { } p4) return (null, p4);
            if (end < start) return Fail(EmploymentCodes.EndBeforeStart, "A fixed term ends on or after its start (endDate before startDate).", "endDate");
            termEnd = end;
        }
        else if (!string.IsNullOrWhiteSpace(i.EndDate))
        {
            return Fail(EmploymentCodes.InvalidTerm, "An indefinite contract has no endDate: say term fixed, or leave endDate out.", "endDate");
        }
        var kind = string.IsNullOrWhiteSpace(i.ContractKind) ? ContractKinds.Main : i.ContractKind.Trim().ToLowerInvariant();
        if (!ContractKinds.All.Contains(kind)) return Fail(EmploymentCodes.InvalidContractKind, "contractKind is main or secondary.", "contractKind");
        if (Hours(i.WeeklyHours, required: true, out var hours) is { } p5) return (null, p5);
        if (Wage(i.MonthlyWage, required: true, out var wage) is { } p6) return (null, p6);
        return (new NewContract(fin, position!, i.OccupationCode!.Trim(), workplace!, start, term, termEnd, hours!.Value, wage!.Value, kind), null);
    }

    private static (Notification?, ApiProblem?) Change(NotificationInput i, DateOnly latest)
    {
        if (Number(i.ContractNumber, out var number) is { } p0) return (null, p0);
        if (Date(i.EffectiveDate, "effectiveDate", latest, out var effective) is { } p1) return (null, p1);
        string? position = null, workplace = null, occupation = null;
        if (i.Position is not null && Text(i.Position, "position", EmploymentCodes.MissingPosition, out position) is { } p2) return (null, p2);
        if (i.Workplace is not null && Text(i.Workplace, "workplace", EmploymentCodes.MissingWorkplace, out workplace) is { } p3) return (null, p3);
        if (!string.IsNullOrWhiteSpace(i.OccupationCode))
        {
            occupation = i.OccupationCode.Trim();
            if (!OccupationCodes.IsValid(occupation)) return Fail(EmploymentCodes.InvalidOccupationCode, "occupationCode is four digits (ISCO-08 unit group).", "occupationCode");
        }
        if (Hours(i.WeeklyHours, required: false, out var hours) is { } p4) return (null, p4);
        if (Wage(i.MonthlyWage, required: false, out var wage) is { } p5) return (null, p5);
        if (position is null && workplace is null && occupation is null && hours is null && wage is null)
        {
            return Fail(EmploymentCodes.NothingToChange, "A change names at least one of position, occupationCode, workplace, weeklyHours, monthlyWage.", null);
        }
        return (new ContractChange(number!, effective, position, occupation, workplace, hours, wage), null);
    }

    private static (Notification?, ApiProblem?) Suspension(NotificationInput i, DateOnly latest)
    {
        if (Number(i.ContractNumber, out var number) is { } p0) return (null, p0);
        if (Date(i.EffectiveDate, "effectiveDate", latest, out var from) is { } p1) return (null, p1);
        DateOnly? until = null;
        if (!string.IsNullOrWhiteSpace(i.Until))
        {
            if (Date(i.Until, "until", DateOnly.MaxValue, out var u) is { } p2) return (null, p2);
            if (u < from) return Fail(EmploymentCodes.EndBeforeStart, "A suspension ends on or after its first day (until before effectiveDate).", "until");
            until = u;
        }
        if (Text(i.Reason, "reason", EmploymentCodes.MissingReason, out var reason) is { } p3) return (null, p3);
        return (new ContractSuspension(number!, from, until, reason!), null);
    }

    private static (Notification?, ApiProblem?) Resumption(NotificationInput i, DateOnly latest)
    {
        if (Number(i.ContractNumber, out var number) is { } p0) return (null, p0);
        if (Date(i.EffectiveDate, "effectiveDate", latest, out var on) is { } p1) return (null, p1);
        return (new ContractResumption(number!, on), null);
    }

    private static (Notification?, ApiProblem?) Termination(NotificationInput i, DateOnly latest)
    {
        if (Number(i.ContractNumber, out var number) is { } p0) return (null, p0);
        if (Date(i.EffectiveDate, "effectiveDate", latest, out var on) is { } p1) return (null, p1);
        var ground = i.Ground?.Trim().ToLowerInvariant();
        if (ground is null || !TerminationGrounds.Articles.ContainsKey(ground))
        {
            return Fail(EmploymentCodes.InvalidTerminationGround, $"ground is one of {string.Join(", ", TerminationGrounds.Articles.Keys)}.", "ground");
        }
        return (new ContractTermination(number!, on, ground), null);
    }

    private static (Notification?, ApiProblem?) Fail(string code, string detail, string? field) => (null, ApiProblem.BadRequest(code, detail, field));

    private static ApiProblem? Number(string? text, out string? number)
    {
        number = text?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(number) || number.Length > 32
            ? new ApiProblem(404, EmploymentCodes.UnknownContract, "No contract of this employer has this number (contractNumber).", "contractNumber")
            : null;
    }

    private static ApiProblem? Text(string? text, string field, string missingCode, out string? value)
    {
        value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > MaxText)
        {
            return ApiProblem.BadRequest(missingCode, $"{field} is required, 1-{MaxText} characters.", field);
        }
        if (TextInput.CheckLine(value, field) is { } bad) return ApiProblem.BadRequest(EmploymentCodes.InvalidCharacters, bad, field);
        return null;
    }

    private static ApiProblem? Date(string? text, string field, DateOnly latest, out DateOnly date)
    {
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) || date < Earliest)
        {
            return ApiProblem.BadRequest(EmploymentCodes.InvalidDate, $"{field} is a date yyyy-MM-dd, from {Earliest:yyyy-MM-dd}.", field);
        }
        if (date > latest)
        {
            return ApiProblem.BadRequest(EmploymentCodes.DateTooFarAhead, $"{field} lies too far ahead: at most until {latest:yyyy-MM-dd}.", field);
        }
        return null;
    }

    private static ApiProblem? Hours(string? text, bool required, out decimal? hours)
    {
        hours = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? ApiProblem.BadRequest(EmploymentCodes.InvalidWeeklyHours, "weeklyHours is required: the hours of the working week.", "weeklyHours") : null;
        }
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > MaxWeeklyHours || decimal.Round(value, 1) != value)
        {
            return ApiProblem.BadRequest(EmploymentCodes.InvalidWeeklyHours, $"weeklyHours is a number of hours above 0 and at most {MaxWeeklyHours}, in tenths at most.", "weeklyHours");
        }
        hours = value;
        return null;
    }

    private static ApiProblem? Wage(string? text, bool required, out decimal? wage)
    {
        wage = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? ApiProblem.BadRequest(EmploymentCodes.InvalidWage, "monthlyWage is required: the gross monthly wage in AZN.", "monthlyWage") : null;
        }
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > MaxWage || decimal.Round(value, 2) != value)
        {
            return ApiProblem.BadRequest(EmploymentCodes.InvalidWage, $"monthlyWage is AZN above 0 and at most {MaxWage}, in qəpiks at most (two decimals).", "monthlyWage");
        }
        wage = value;
        return null;
    }
}
