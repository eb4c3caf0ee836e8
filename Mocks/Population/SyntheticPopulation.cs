namespace IntegrationHub.Mocks.Population;

/// <summary>
/// A whole synthetic country, generated deterministically from a seed and a reference day: the same
/// seed and day give the same people, FINs, incomes and acts on every machine. Every agency mock reads
/// from one instance, so one person has one FIN everywhere and incomes, contracts and pension payments agree.
/// </summary>
public sealed partial class SyntheticPopulation
{
    /// <summary>Need criterion / living minimum of the reference year (AZN); the kinds are sized against it.</summary>
    private const decimal LivingMinimum = 300m;
    private const string FinAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private readonly Random _random;
    private readonly HashSet<string> _fins = [];
    private readonly HashSet<string> _cards = [];
    private readonly List<Household> _households = [];

    private SyntheticPopulation(int seed, DateOnly asOf)
    {
        Seed = seed;
        AsOf = asOf;
        _random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>The day the population is "now": histories run up to it.</summary>
    public DateOnly AsOf { get; }

    public IReadOnlyList<Household> Households => _households;

    public IReadOnlyDictionary<string, Person> ByFin { get; private set; } = new Dictionary<string, Person>();

    public IReadOnlyDictionary<string, Person> ByIdCard { get; private set; } = new Dictionary<string, Person>();

    /// <summary>Living people registered at each address code.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Person>> Residents { get; private set; } = new Dictionary<string, IReadOnlyList<Person>>();

    /// <summary>Civil acts naming each FIN.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CivilAct>> ActsByFin { get; private set; } = new Dictionary<string, IReadOnlyList<CivilAct>>();

    public IEnumerable<Person> People => _households.SelectMany(h => h.Members);

    /// <summary>
    /// Generates the population: <paramref name="households"/> households, then one of each household kind at the edges of
    /// the rules. The reference day defaults to the first of the current month, so histories stay recent.
    /// </summary>
    public static SyntheticPopulation Generate(int seed, DateOnly asOf, int households = 1200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(households, Kinds.Length);
        var population = new SyntheticPopulation(seed, asOf);
        for (var i = 0; i < households; i++)
        {
            // The first households take every kind once, so every kind has a sample whatever the size.
            var kind = i < Kinds.Length ? Kinds[i].Name : population.PickKind();
            population.Build(kind, i + 1);
        }
        foreach (var kind in EdgeKinds) population.Build(kind, population._households.Count + 1);
        population.Index();
        return population;
    }

    private void Index()
    {
        var people = People.ToList();
        ByFin = people.ToDictionary(p => p.Fin);
        ByIdCard = people.ToDictionary(p => p.IdCardNumber);
        Residents = people.Where(p => !p.Deceased)
            .GroupBy(p => p.Household.Address.Code)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Person>)g.ToList());
        var acts = new Dictionary<string, List<CivilAct>>();
        foreach (var act in _households.SelectMany(h => h.Acts))
        {
            Add(act.FinA, act);
            if (act.FinB is not null) Add(act.FinB, act);
        }
        ActsByFin = acts.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<CivilAct>)kv.Value);

        void Add(string fin, CivilAct act)
        {
            if (!acts.TryGetValue(fin, out var list)) acts[fin] = list = [];
            list.Add(act);
        }
    }

    // ---- building blocks -------------------------------------------------------------------------

    private string NewFin()
    {
        while (true)
        {
            var chars = new char[7];
            for (var i = 0; i < 7; i++) chars[i] = FinAlphabet[_random.Next(FinAlphabet.Length)];
            var fin = new string(chars);
            if (_fins.Add(fin)) return fin;
        }
    }

    private string NewIdCard(DateOnly issued)
    {
        while (true)
        {
            var card = issued >= new DateOnly(2018, 9, 1)
                ? "AA" + _random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture)
                : "AZE" + _random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
            if (_cards.Add(card)) return card;
        }
    }

    private string Code(string prefix, int digits) =>
        prefix + _random.NextInt64(0, (long)Math.Pow(10, digits)).ToString("D" + digits, CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private decimal Money(decimal min, decimal max) => Math.Round(min + (decimal)_random.NextDouble() * (max - min), 0);

    private DateOnly MonthsAgo(int months) => new DateOnly(AsOf.Year, AsOf.Month, 1).AddMonths(-months);

    private DateOnly BirthDateForAge(int age) => AsOf.AddYears(-age).AddDays(-_random.Next(1, 360));

    private Household NewHousehold(int number, string kind, bool rural = false)
    {
        var place = rural ? Names.Places[^_random.Next(1, 3)] : Pick(Names.Places[..^2]);
        var flat = rural ? null : _random.Next(1, 120).ToString(CultureInfo.InvariantCulture);
        var address = new Address(Code("AD", 8), place.Region, place.City, Pick(place.Streets), _random.Next(1, 200).ToString(CultureInfo.InvariantCulture), flat);
        var household = new Household { Number = number, Kind = kind, Address = address };
        _households.Add(household);
        return household;
    }

    private Person AddPerson(Household household, string role, char sex, int age, string surnameStem, string? fatherName)
    {
        var issued = AsOf.AddYears(-_random.Next(0, 10)).AddDays(-_random.Next(0, 300));
        if (age < 16) issued = AsOf.AddDays(-_random.Next(0, 700));
        var person = new Person
        {
            Fin = NewFin(),
            GivenName = sex == 'M' ? Pick(Names.Male) : Pick(Names.Female),
            Surname = sex == 'M' ? surnameStem : surnameStem + "a",
            Patronymic = fatherName is null ? null : fatherName + (sex == 'M' ? " oğlu" : " qızı"),
            BirthDate = BirthDateForAge(age),
            Sex = sex,
            IdCardNumber = NewIdCard(issued),
            IdIssuedOn = issued,
            IdValidUntil = issued.AddYears(10),
            Household = household,
            Role = role,
        };
        household.Members.Add(person);
        return person;
    }

    private string ActNumber(DateOnly date) => $"{date.Year}/{_random.Next(1000, 99999)}";

    private void Marry(Household household, Person a, Person b, int yearsAgo)
    {
        var date = AsOf.AddYears(-yearsAgo).AddDays(-_random.Next(0, 300));
        household.Acts.Add(new CivilAct("MARRIAGE", ActNumber(date), date, a.Fin, b.Fin));
    }

    private void Birth(Household household, Person parent, Person child) =>
        household.Acts.Add(new CivilAct("BIRTH", ActNumber(child.BirthDate), child.BirthDate, parent.Fin, child.Fin));

    private void Die(Household household, Person person, int monthsAgo)
    {
        person.DateOfDeath = AsOf.AddMonths(-monthsAgo).AddDays(-_random.Next(0, 25));
        household.Acts.Add(new CivilAct("DEATH", ActNumber(person.DateOfDeath.Value), person.DateOfDeath.Value, person.Fin, null));
        person.Notes.Add("deceased");
    }

    private Person AddChild(Household household, Person father, Person? mother, int age)
    {
        var child = AddPerson(household, "child", Chance(0.5) ? 'M' : 'F', age, father.Surname, father.GivenName);
        Birth(household, father, child);
        if (mother is not null) Birth(household, mother, child);
        if (age >= 6 && age <= 17)
        {
            child.Studies.Add(new Study($"{_random.Next(1, 320)} saylı tam orta məktəb", "SCHOOL", true, new DateOnly(AsOf.Year - (age - 6), 9, 15), null));
        }
        return child;
    }

    private void Employ(Person person, decimal wage, int startMonthsAgo = 0, int? endMonthsAgo = null)
    {
        var (name, voen) = Pick(Names.Employers);
        var start = startMonthsAgo > 0 ? MonthsAgo(startMonthsAgo) : MonthsAgo(_random.Next(14, 120));
        DateOnly? end = endMonthsAgo is null ? null : MonthsAgo(endMonthsAgo.Value).AddDays(-1);
        person.Jobs.Add(new Job(Code("EM-", 9), voen, name, Pick(Names.Positions), wage, start, end));
    }

    private void Pension(Person person, decimal amount, string kind = "old-age pension") =>
        person.Pensions.Add(new Pension(kind, amount, MonthsAgo(_random.Next(13, 200))));

    private void Utilities(Household household, decimal monthlyPerPerson, Person? holder = null)
    {
        holder ??= household.Head;
        var count = household.Members.Count(m => !m.Deceased);
        var total = monthlyPerPerson * Math.Max(count, 1);
        var addr = household.Address.Code;
        holder.UtilityAccounts.Add(new UtilityAccount(Code("EL", 10), "Azərişıq", "ELECTRICITY", "M-E-" + addr, addr, Math.Round(total * 0.45m, 2)));
        holder.UtilityAccounts.Add(new UtilityAccount(Code("QZ", 10), "Azəriqaz", "GAS", "M-G-" + addr, addr, Math.Round(total * 0.30m, 2)));
        holder.UtilityAccounts.Add(new UtilityAccount(Code("SU", 10), "Azərsu", "WATER", "M-W-" + addr, addr, Math.Round(total * 0.10m, 2)));
        holder.UtilityAccounts.Add(new UtilityAccount(Code("TL", 10), "Aztelekom", "TELECOM", "L-" + addr, addr, Math.Round(total * 0.15m, 2)));
    }

    private void Car(Person person, bool rehabilitation = false, bool owner = true)
    {
        var (make, model) = Pick(Names.Cars);
        var plate = $"{_random.Next(10, 99)}-{(char)('A' + _random.Next(0, 26))}{(char)('A' + _random.Next(0, 26))}-{_random.Next(100, 999)}";
        person.Vehicles.Add(new Car(plate, make, model, _random.Next(1995, AsOf.Year), owner, rehabilitation, MonthsAgo(_random.Next(3, 90))));
        person.LicenceValidUntil ??= AsOf.AddYears(_random.Next(1, 9));
    }

    private void Home(Person person, Household household, decimal share = 100m)
    {
        person.Properties.Add(new Estate(Code("DR-", 10), "RESIDENTIAL", household.Address.ToString(), share, Money(45, 120), MonthsAgo(_random.Next(24, 240))));
    }

    private void Disable(Person person, int percent, string cause, int years)
    {
        var from = MonthsAgo(12 * years + _random.Next(0, 6));
        DateOnly? until = cause == "CHERNOBYL" || years >= 15 ? null : MonthsAgo(-_random.Next(3, 24));
        person.Disability.Add(new Assessment(percent, cause, from, until));
        var icd = Pick(Names.DisabilityDiagnoses);
        person.Referrals.Add(new HealthReferral(Code("F88-", 8), from.AddDays(-20), Pick(Names.Clinics), [icd]));
        person.Allowances.Add(new Pension("disability allowance", percent > 80 ? 330m : percent > 60 ? 260m : 200m, from));
        person.Notes.Add($"disability {percent}% ({cause.ToLowerInvariant().Replace('_', ' ')})");
    }
}
