namespace IntegrationHub.Mocks.Population;

/// <summary>
/// One change an agency of the mock country reports: which agency, the kind (as the hub names it: docs/life-events.md),
/// the people (the person it is about first) and the day.
/// </summary>
public sealed record LifeChange(string Agency, string Kind, IReadOnlyList<string> Fins, DateOnly Date);

/// <summary>A change that cannot be made to this person (dead already, no contract to end, no one to marry, ...).</summary>
public sealed class LifeChangeRefusedException(string code, string message) : Exception(message)
{
    /// <summary><c>unknown-person</c> or <c>not-applicable</c>.</summary>
    public string Code { get; } = code;
}

/// <summary>
/// The country moves in time: births, deaths, marriages, divorces, moves, contracts ended and begun, disability
/// assessments and pensions granted change the population every agency serves, so a later answer of each agency
/// the change concerns shows it (the population register and the civil registry, the labour contracts and the tax
/// service's wages, the social fund, the disability registry, the utilities billed at an address). Changes take the
/// write lock; every agency's answer is read under the read lock (<see cref="Read"/>), so none sees half a change.
/// </summary>
public sealed partial class SyntheticPopulation
{
    public const string KindBirth = "birth";
    public const string KindDeath = "death";
    public const string KindMove = "move";
    public const string KindMarriage = "marriage";
    public const string KindDivorce = "divorce";
    public const string KindContractStarted = "contract-started";
    public const string KindContractEnded = "contract-ended";
    public const string KindDisabilityAssessed = "disability-assessed";
    public const string KindPensionGranted = "pension-granted";

    /// <summary>The kinds a tester can trigger, with the agency that reports each.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChangeKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [KindBirth] = "population",
        [KindDeath] = "population",
        [KindMove] = "population",
        [KindMarriage] = "civil-registry",
        [KindDivorce] = "civil-registry",
        [KindContractStarted] = "labour-contracts",
        [KindContractEnded] = "labour-contracts",
        [KindDisabilityAssessed] = "disability-registry",
        [KindPensionGranted] = "social-fund",
    };

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private long _version;

    /// <summary>Goes up with every change: what an agency derived from the population before it is out of date.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Holds the read lock until disposed: an agency's answer is read from one state of the country.</summary>
    public ReadLock Read()
    {
        _lock.EnterReadLock();
        return new ReadLock(_lock);
    }

    /// <summary>The read lock, released on dispose.</summary>
    public readonly struct ReadLock(ReaderWriterLockSlim rwLock) : IDisposable
    {
        public void Dispose() => rwLock.ExitReadLock();
    }

    /// <summary>
    /// Makes one change of <paramref name="kind"/> about <paramref name="fin"/> on <paramref name="date"/> (for a marriage,
    /// with <paramref name="partner"/> or someone suitable) and returns what the agencies report: one change, or two (a
    /// marriage or a divorce also moves someone).
    /// </summary>
    public IReadOnlyList<LifeChange> Change(string kind, string fin, DateOnly date, string? partner = null)
    {
        _lock.EnterWriteLock();
        try
        {
            var person = Living(fin);
            IReadOnlyList<LifeChange> changes = kind switch
            {
                KindBirth => [BirthTo(person, date)],
                KindDeath => [DeathOf(person, date)],
                KindMove => [MoveOut(person, date)],
                KindMarriage => MarriageOf(person, partner is null ? null : Living(partner), date),
                KindDivorce => DivorceOf(person, date),
                KindContractStarted => [StartContract(person, date)],
                KindContractEnded => [EndContract(person, date)],
                KindDisabilityAssessed => [Assess(person, date)],
                KindPensionGranted => [GrantPension(person, date)],
                _ => throw new LifeChangeRefusedException("unknown-kind", $"Unknown kind '{kind}'; known: {string.Join(", ", ChangeKinds.Keys)}."),
            };
            Index();
            Interlocked.Increment(ref _version);
            return changes;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>A person for a random change of <paramref name="kind"/> (null when none fits), drawn with <paramref name="random"/>.</summary>
    public string? Candidate(string kind, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _lock.EnterReadLock();
        try
        {
            var today = AsOf;
            var living = People.Where(p => !p.Deceased).ToList();
            IEnumerable<Person> fitting = kind switch
            {
                KindBirth => living.Where(p => p.Sex == 'F' && p.AgeOn(today) is >= 20 and <= 42 && SpouseOf(p) is not null),
                KindDeath => living.Where(p => p.AgeOn(today) >= 60),
                KindMove => living.Where(p => p.AgeOn(today) is >= 18 and <= 35 && p.Role == "child" && p.UtilityAccounts.Count == 0),
                KindMarriage => living.Where(p => p.Sex == 'M' && p.AgeOn(today) is >= 22 and <= 40 && SpouseOf(p) is null && p.Role != "head"),
                KindDivorce => living.Where(p => p.Sex == 'M' && SpouseOf(p) is { } s && s.Household == p.Household && p.Role == "head"),
                KindContractStarted => living.Where(p => p.AgeOn(today) is >= 18 and < 63 && ActiveJob(p, today) is null && !p.Status.Abroad && !p.Status.Prisoner && !p.Status.Conscript),
                KindContractEnded => living.Where(p => ActiveJob(p, today) is not null),
                KindDisabilityAssessed => living.Where(p => p.Disability.Count == 0 && p.AgeOn(today) >= 18),
                KindPensionGranted => living.Where(p => p.Pensions.Count == 0 && p.AgeOn(today) >= 65),
                _ => [],
            };
            var list = fitting.ToList();
            return list.Count == 0 ? null : list[random.Next(list.Count)].Fin;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private Person Living(string fin)
    {
        if (!ByFin.TryGetValue(fin, out var person)) throw new LifeChangeRefusedException("unknown-person", $"No person with FIN {fin} in the mock country.");
        if (person.Deceased) throw new LifeChangeRefusedException("not-applicable", $"{fin} is dead already.");
        return person;
    }

    /// <summary>The person's spouse: the other party of their last marriage, unless a divorce or a death ended it.</summary>
    private Person? SpouseOf(Person person)
    {
        var acts = ActsByFin.GetValueOrDefault(person.Fin, []);
        var marriage = acts.Where(a => a.Kind == "MARRIAGE").OrderBy(a => a.Date).LastOrDefault();
        if (marriage is null) return null;
        var other = marriage.FinA == person.Fin ? marriage.FinB : marriage.FinA;
        if (other is null || !ByFin.TryGetValue(other, out var spouse) || spouse.Deceased) return null;
        return acts.Any(a => a.Kind == "DIVORCE" && a.Date >= marriage.Date && (a.FinA == other || a.FinB == other)) ? null : spouse;
    }

    private static Job? ActiveJob(Person person, DateOnly on) => person.Jobs.LastOrDefault(j => j.Start <= on && (j.End is null || j.End >= on));

    private static void Adult(Person person, DateOnly on, string what)
    {
        if (person.AgeOn(on) < 16) throw new LifeChangeRefusedException("not-applicable", $"{person.Fin} is under 16: {what}.");
    }

    private LifeChange DeathOf(Person person, DateOnly date)
    {
        person.DateOfDeath = date;
        person.Household.Acts.Add(new CivilAct("DEATH", ActNumber(date), date, person.Fin, null));
        person.Notes.Add("deceased");
        // The registries close what the person had: contracts end, pensions and allowances stop.
        for (var i = 0; i < person.Jobs.Count; i++)
        {
            if (person.Jobs[i].End is null || person.Jobs[i].End > date) person.Jobs[i] = person.Jobs[i] with { End = date };
        }
        for (var i = 0; i < person.Pensions.Count; i++)
        {
            if (person.Pensions[i].Until is null) person.Pensions[i] = person.Pensions[i] with { Until = date };
        }
        for (var i = 0; i < person.Allowances.Count; i++)
        {
            if (person.Allowances[i].Until is null) person.Allowances[i] = person.Allowances[i] with { Until = date };
        }
        return new LifeChange("population", KindDeath, [person.Fin], date);
    }

    private LifeChange BirthTo(Person parent, DateOnly date)
    {
        Adult(parent, date, "cannot be a parent");
        var other = SpouseOf(parent);
        var mother = parent.Sex == 'F' ? parent : other?.Sex == 'F' ? other : null;
        var father = parent.Sex == 'M' ? parent : other?.Sex == 'M' ? other : null;
        if (mother is null) throw new LifeChangeRefusedException("not-applicable", $"{parent.Fin} has no wife on record to give birth.");
        var household = mother.Household;
        var sex = _random.Next(2) == 0 ? 'M' : 'F';
        var stem = father is not null ? father.Surname : mother.Surname.EndsWith('a') ? mother.Surname[..^1] : mother.Surname;
        var child = new Person
        {
            Fin = NewFin(),
            GivenName = sex == 'M' ? Pick(Names.Male) : Pick(Names.Female),
            Surname = sex == 'M' ? stem : stem + "a",
            Patronymic = father is null ? null : father.GivenName + (sex == 'M' ? " oğlu" : " qızı"),
            BirthDate = date,
            Sex = sex,
            IdCardNumber = NewIdCard(date),
            IdIssuedOn = date,
            IdValidUntil = date.AddYears(10),
            Household = household,
            Role = "child",
        };
        household.Members.Add(child);
        household.Acts.Add(new CivilAct("BIRTH", ActNumber(date), date, mother.Fin, child.Fin));
        if (father is not null) household.Acts.Add(new CivilAct("BIRTH", ActNumber(date), date, father.Fin, child.Fin));
        child.Notes.Add("newborn");
        return new LifeChange("population", KindBirth, father is null ? [child.Fin, mother.Fin] : [child.Fin, mother.Fin, father.Fin], date);
    }

    /// <summary>The person leaves their household for an address of their own (billed in their name).</summary>
    private LifeChange MoveOut(Person person, DateOnly date)
    {
        Adult(person, date, "a child moves with a parent");
        Relocate(person, NewHousehold(_households.Count + 1, "moved"), "head");
        Utilities(person.Household, Money(8, 16), person);
        return new LifeChange("population", KindMove, [person.Fin], date);
    }

    private IReadOnlyList<LifeChange> MarriageOf(Person person, Person? partner, DateOnly date)
    {
        Adult(person, date, "too young to marry");
        if (SpouseOf(person) is not null) throw new LifeChangeRefusedException("not-applicable", $"{person.Fin} is married.");
        partner ??= People.Where(p => !p.Deceased && p.Sex != person.Sex && p.Household != person.Household && SpouseOf(p) is null
                && p.AgeOn(date) >= 18 && Math.Abs(p.AgeOn(date) - person.AgeOn(date)) <= 10 && p.UtilityAccounts.Count == 0)
            .OrderBy(p => p.Fin, StringComparer.Ordinal).Skip(_random.Next(5)).FirstOrDefault()
            ?? throw new LifeChangeRefusedException("not-applicable", $"No one in the mock country to marry {person.Fin}.");
        Adult(partner, date, "too young to marry");
        if (partner == person || SpouseOf(partner) is not null || partner.Sex == person.Sex)
        {
            throw new LifeChangeRefusedException("not-applicable", $"{partner.Fin} cannot marry {person.Fin}.");
        }
        var (husband, wife) = person.Sex == 'M' ? (person, partner) : (partner, person);
        husband.Household.Acts.Add(new CivilAct("MARRIAGE", ActNumber(date), date, husband.Fin, wife.Fin));
        var changes = new List<LifeChange> { new("civil-registry", KindMarriage, [person.Fin, partner.Fin], date) };
        if (wife.Household != husband.Household)
        {
            Relocate(wife, husband.Household, "spouse");
            changes.Add(new LifeChange("population", KindMove, [wife.Fin, husband.Fin], date));
        }
        return changes;
    }

    private IReadOnlyList<LifeChange> DivorceOf(Person person, DateOnly date)
    {
        var spouse = SpouseOf(person) ?? throw new LifeChangeRefusedException("not-applicable", $"{person.Fin} is not married.");
        person.Household.Acts.Add(new CivilAct("DIVORCE", ActNumber(date), date, person.Fin, spouse.Fin));
        var changes = new List<LifeChange> { new("civil-registry", KindDivorce, [person.Fin, spouse.Fin], date) };
        if (spouse.Household == person.Household)
        {
            // Whoever is not the head leaves, to an address of their own.
            var leaving = person.Household.Head == person ? spouse : person;
            Relocate(leaving, NewHousehold(_households.Count + 1, "moved"), "head");
            Utilities(leaving.Household, Money(8, 16), leaving);
            changes.Add(new LifeChange("population", KindMove, [leaving.Fin], date));
        }
        return changes;
    }

    private LifeChange StartContract(Person person, DateOnly date)
    {
        Adult(person, date, "too young for a labour contract");
        if (ActiveJob(person, date) is not null) throw new LifeChangeRefusedException("not-applicable", $"{person.Fin} already has an active contract.");
        var (name, voen) = Pick(Names.Employers);
        person.Jobs.Add(new Job(Code("EM-", 9), voen, name, Pick(Names.Positions), Money(400, 900), date, null));
        return new LifeChange("labour-contracts", KindContractStarted, [person.Fin], date);
    }

    private static LifeChange EndContract(Person person, DateOnly date)
    {
        var index = person.Jobs.FindLastIndex(j => j.Start <= date && (j.End is null || j.End >= date));
        if (index < 0) throw new LifeChangeRefusedException("not-applicable", $"{person.Fin} has no active contract to end.");
        person.Jobs[index] = person.Jobs[index] with { End = date };
        return new LifeChange("labour-contracts", KindContractEnded, [person.Fin], date);
    }

    private LifeChange Assess(Person person, DateOnly date)
    {
        var percent = 35 + (5 * _random.Next(0, 12));
        person.Disability.Add(new Assessment(percent, "GENERAL_ILLNESS", date, date.AddYears(1)));
        person.Allowances.Add(new Pension("disability allowance", percent > 80 ? 330m : percent > 60 ? 260m : 200m, date));
        person.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"disability {percent}% (assessed {date:yyyy-MM-dd})"));
        return new LifeChange("disability-registry", KindDisabilityAssessed, [person.Fin], date);
    }

    private LifeChange GrantPension(Person person, DateOnly date)
    {
        if (person.Pensions.Any(p => p.Until is null)) throw new LifeChangeRefusedException("not-applicable", $"{person.Fin} has a pension already.");
        person.Pensions.Add(new Pension("old-age pension", Money(280, 450), date));
        return new LifeChange("social-fund", KindPensionGranted, [person.Fin], date);
    }

    /// <summary>Moves <paramref name="person"/> into <paramref name="household"/>; accounts billed at the old address stay there, with whoever heads it now.</summary>
    private static void Relocate(Person person, Household household, string role)
    {
        var old = person.Household;
        old.Members.Remove(person);
        if (person.UtilityAccounts.Count > 0 && old.Members.FirstOrDefault(m => !m.Deceased) is { } heir)
        {
            heir.UtilityAccounts.AddRange(person.UtilityAccounts.Where(a => a.AddressId == old.Address.Code));
            person.UtilityAccounts.RemoveAll(a => a.AddressId == old.Address.Code);
        }
        person.Household = household;
        person.Role = role;
        household.Members.Add(person);
    }
}
