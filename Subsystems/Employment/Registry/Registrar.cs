namespace IntegrationHub.Employment.Registry;

/// <summary>What a notification became: accepted under its numbers, or refused with a problem.</summary>
public sealed record NotificationOutcome(ApiProblem? Problem, string? Notification = null, ContractRecord? Contract = null)
{
    public static NotificationOutcome Refused(ApiProblem problem) => new(problem);
}

/// <summary>The employer acting, as the registry records it.</summary>
/// <param name="By">The employer's system (caller name) or officer (staff id).</param>
/// <param name="Officer">The officer's staff id when a person acts (the hub's audit names them); null for a system.</param>
public sealed record EmployerActor(string Voen, string Name, string By, string? Officer);

/// <summary>
/// The registry's decision on one notification against its records, inside a durable write: the rules that need the
/// employee (age, hours, minimum wage on the day, death) and the registry's state (one open main contract per employer
/// and employee; a termination not before the start; changes to a contract of this employer that is not terminated),
/// then the contract written, numbered, and the life event queued. Deterministic in what it reads, as a write that may
/// run twice must be.
/// </summary>
public sealed class Registrar(LabourRules rules)
{
    public const string EventSource = "employment-registry";
    public const string ContractStarted = "contract-started";
    public const string ContractEnded = "contract-ended";

    public LabourRules Rules => rules;

    /// <param name="person">The employee as the population register knows them (a new contract only).</param>
    public NotificationOutcome Apply(IRegistryTransaction tx, Notification notification, EmployerActor employer, PersonFacts? person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(employer);
        if (notification is NewContract created) return New(tx, created, employer, person ?? throw new ArgumentNullException(nameof(person)), now);
        var number = notification switch
        {
            ContractChange c => c.ContractNumber,
            ContractSuspension s => s.ContractNumber,
            ContractResumption r => r.ContractNumber,
            ContractTermination t => t.ContractNumber,
            _ => throw new ArgumentException("Unknown notification " + notification.Kind, nameof(notification)),
        };
        // Another employer's contract is answered as one that does not exist.
        if (tx.FindContract(number) is not { } contract || contract.EmployerVoen != employer.Voen)
        {
            return NotificationOutcome.Refused(new(404, EmploymentCodes.UnknownContract, $"This employer has no contract {number}.", "contractNumber"));
        }
        if (contract.EndDate is { } ended)
        {
            return NotificationOutcome.Refused(ApiProblem.Conflict(EmploymentCodes.ContractTerminated,
                $"Contract {number} was terminated on {Day(ended)}: nothing more can be notified on it.", "contractNumber"));
        }
        if (notification.Effective < contract.StartDate)
        {
            var code = notification is ContractTermination ? EmploymentCodes.TerminationBeforeStart : EmploymentCodes.ChangeBeforeStart;
            return NotificationOutcome.Refused(ApiProblem.Unprocessable(code,
                $"Contract {number} starts on {Day(contract.StartDate)}: a {notification.Kind} cannot take effect before it.", "effectiveDate"));
        }
        var problem = notification switch
        {
            ContractChange change => Check(contract, change),
            ContractSuspension suspension => contract.OpenSuspension(suspension.From) is { } open
                ? ApiProblem.Conflict(EmploymentCodes.AlreadySuspended, $"Contract {number} is suspended from {Day(open.Effective)}; notify its resumption first.", "contractNumber")
                : null,
            ContractResumption resumption => contract.OpenSuspension(resumption.On) is { } open && open.Effective <= resumption.On
                ? null
                : ApiProblem.Conflict(EmploymentCodes.NotSuspended, $"Contract {number} has no suspension that began on or before {Day(resumption.On)} to end.", "effectiveDate"),
            _ => null,
        };
        if (problem is not null) return NotificationOutcome.Refused(problem);

        var entry = Entry(tx, notification, employer, now);
        contract.History.Add(entry);
        if (notification is ContractTermination termination)
        {
            contract.EndDate = termination.On;
            contract.TerminationGround = termination.Ground;
            tx.Publish(new ContractEvent(contract.Fin, ContractEnded, termination.On));
        }
        tx.Update(contract);
        return new(null, entry.Notification, contract);
    }

    private NotificationOutcome New(IRegistryTransaction tx, NewContract n, EmployerActor employer, PersonFacts person, DateTimeOffset now)
    {
        if (person.Deceased && (person.DateOfDeath is null || person.DateOfDeath <= n.StartDate))
        {
            return NotificationOutcome.Refused(ApiProblem.Unprocessable(EmploymentCodes.EmployeeDeceased,
                "The population register records this person as deceased before the contract's start.", "fin"));
        }
        var age = LabourRules.Age(person.BirthDate, n.StartDate);
        if (age < LabourRules.MinimumAge)
        {
            return NotificationOutcome.Refused(ApiProblem.Unprocessable(EmploymentCodes.EmployeeTooYoung,
                $"A labour contract may start on the employee's {LabourRules.MinimumAge}th birthday at the earliest ({Day(person.BirthDate.AddYears(LabourRules.MinimumAge))}).", "startDate"));
        }
        if (CheckTerms(n.StartDate, age, n.WeeklyHours, n.MonthlyWage) is { } problem) return NotificationOutcome.Refused(problem);
        if (n.ContractKind == ContractKinds.Main
            && tx.ContractsOf(employer.Voen, n.Fin.Value).FirstOrDefault(c => c.Kind == ContractKinds.Main && c.OpenFrom(n.StartDate)) is { } open)
        {
            return NotificationOutcome.Refused(ApiProblem.Conflict(EmploymentCodes.OpenMainContractExists,
                $"This employee already has an open main contract with this employer ({open.Number}, from {Day(open.StartDate)}): terminate it first, or notify a secondary contract.", "fin"));
        }

        var entry = Entry(tx, n, employer, now);
        var contract = new ContractRecord
        {
            Number = string.Create(CultureInfo.InvariantCulture, $"EM-{now.Year}-{tx.Next("EM-" + now.Year):0000000}"),
            EmployerVoen = employer.Voen,
            EmployerName = employer.Name,
            Fin = n.Fin.Value,
            EmployeeName = person.Name,
            BirthDate = person.BirthDate,
            Kind = n.ContractKind,
            StartDate = n.StartDate,
            Term = n.Term,
            TermEnd = n.TermEnd,
            RegisteredAt = now,
            History = [entry],
        };
        tx.Insert(contract);
        tx.Publish(new ContractEvent(contract.Fin, ContractStarted, n.StartDate));
        return new(null, entry.Notification, contract);
    }

    private ApiProblem? Check(ContractRecord contract, ContractChange change)
    {
        var terms = contract.TermsOn(change.EffectiveDate);
        return CheckTerms(change.EffectiveDate, LabourRules.Age(contract.BirthDate, change.EffectiveDate), change.WeeklyHours ?? terms.WeeklyHours, change.MonthlyWage ?? terms.MonthlyWage);
    }

    /// <summary>The week's hours within the limit for the age, and the wage not below the minimum for those hours, on the day.</summary>
    private ApiProblem? CheckTerms(DateOnly on, int age, decimal weeklyHours, decimal monthlyWage)
    {
        var maxHours = rules.MaxWeeklyHours(age);
        if (weeklyHours > maxHours)
        {
            return ApiProblem.Unprocessable(EmploymentCodes.WeeklyHoursOverLimit, age < 18
                ? $"An employee aged {age} works at most {maxHours} hours a week (Labour Code art. 91)."
                : $"The working week is at most {maxHours} hours (Labour Code art. 89).", "weeklyHours");
        }
        var least = rules.LeastWage(on, weeklyHours);
        if (monthlyWage < least)
        {
            var minimum = rules.MinimumWageOn(on)!;
            return ApiProblem.Unprocessable(EmploymentCodes.WageBelowMinimum,
                $"On {Day(on)} the minimum monthly wage is {minimum.Amount.ToString("0.##", CultureInfo.InvariantCulture)} AZN for {rules.NormalWeeklyHours.ToString("0.#", CultureInfo.InvariantCulture)} hours a week (from {Day(minimum.From)}): "
                + $"for {weeklyHours.ToString("0.#", CultureInfo.InvariantCulture)} hours at least {Math.Ceiling(least * 100) / 100:0.00} AZN.", "monthlyWage");
        }
        return null;
    }

    private static ContractEntry Entry(IRegistryTransaction tx, Notification n, EmployerActor employer, DateTimeOffset now)
    {
        var entry = new ContractEntry
        {
            Notification = string.Create(CultureInfo.InvariantCulture, $"EMN-{now.Year}-{tx.Next("EMN-" + now.Year):00000000}"),
            Kind = n.Kind,
            Effective = n.Effective,
            ReceivedAt = now,
            By = employer.By,
        };
        switch (n)
        {
            case NewContract c:
                (entry.Position, entry.OccupationCode, entry.Workplace, entry.WeeklyHours, entry.MonthlyWage) = (c.Position, c.OccupationCode, c.Workplace, c.WeeklyHours, c.MonthlyWage);
                break;
            case ContractChange c:
                (entry.Position, entry.OccupationCode, entry.Workplace, entry.WeeklyHours, entry.MonthlyWage) = (c.Position, c.OccupationCode, c.Workplace, c.WeeklyHours, c.MonthlyWage);
                break;
            case ContractSuspension s:
                (entry.Until, entry.Reason) = (s.Until, s.Reason);
                break;
            case ContractTermination t:
                entry.Reason = t.Ground;
                break;
        }
        return entry;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
