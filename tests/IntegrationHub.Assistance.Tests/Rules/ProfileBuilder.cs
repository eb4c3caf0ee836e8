using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Assistance.Tests.Rules;

/// <summary>A household profile made by hand: each member answered by every agency with nothing remarkable unless a test says so.</summary>
public sealed class ProfileBuilder
{
    private static readonly Provenance Source = new("test", new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero), false, TimeSpan.Zero);
    private readonly List<MemberProfile> _members = [];
    private readonly Dictionary<Fin, decimal> _income = [];
    private readonly Dictionary<Fin, decimal> _window = [];
    private readonly List<ExcludedPerson> _excluded = [];
    private bool _incomeComplete = true;
    private bool _windowTotals = true;
    private AddressProfile? _address;

    public static Fin FinOf(int i) => Fin.Parse("TST" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture));

    public IReadOnlyList<MemberProfile> Members => _members;

    /// <summary>Adds a member aged <paramref name="age"/> on 2020-06-15 with <paramref name="monthlyIncome"/> AZN a month.</summary>
    public ProfileBuilder Member(RelationToApplicant relation, decimal monthlyIncome = 0, int age = 40, Func<MemberProfile, MemberProfile>? change = null)
    {
        var fin = FinOf(_members.Count + 1);
        var member = new MemberProfile(fin, relation, [MemberSource.Applicant], [])
        {
            Identity = Ok(new IdentityData(fin, "Test", "Person", null, new DateOnly(2020 - age, 1, 1), Sex.Female, "AZE", null, null, false, null)),
            StatusFlags = Ok(new StatusFlagsData(false, false, false, false, false, false, false, null)),
            Employment = Ok(new EmploymentData(monthlyIncome > 0
                ? [new EmploymentContract("C-1", Voen.Parse("1234567892"), "Employer", "Worker", monthlyIncome, new DateOnly(2015, 1, 1), null, true)]
                : [])),
            JobSeeker = NotFound<JobSeekerData>(),
            Disability = NotFound<DisabilityData>(),
            Vehicles = Ok(new VehiclesData([], [])),
            RealEstate = Ok(new RealEstateData([], [])),
            Utilities = NotFound<UtilitiesData>(),
            TaxIncome = Ok(new TaxIncomeData([], false, [])),
            Education = NotFound<EducationData>(),
            Land = NotFound<LandData>(),
        };
        _members.Add(change is null ? member : change(member));
        _income[fin] = monthlyIncome;
        return this;
    }

    public ProfileBuilder Applicant(decimal monthlyIncome = 0, Func<MemberProfile, MemberProfile>? change = null) =>
        Member(RelationToApplicant.Applicant, monthlyIncome, change: change);

    public ProfileBuilder Excluded(string reason)
    {
        _excluded.Add(new ExcludedPerson(FinOf(90 + _excluded.Count), reason));
        return this;
    }

    /// <summary>Someone the registries tie to the household whom the declaration left out, as the hub lists them.</summary>
    public ProfileBuilder Excluded(string code, RelationToApplicant? relation, string? notCounted = null, bool statusUnverified = false)
    {
        _excluded.Add(new ExcludedPerson(FinOf(90 + _excluded.Count), "left out", code, relation, notCounted, statusUnverified));
        return this;
    }

    /// <summary>The last member's income over the 12-month window is <paramref name="sum"/> (the hub's unrounded sum); the declaration carries its average in qəpiks.</summary>
    public ProfileBuilder WindowIncome(decimal sum)
    {
        var fin = _members[^1].Fin;
        _window[fin] = sum;
        _income[fin] = Math.Round(sum / 12, 2, MidpointRounding.AwayFromZero);
        return this;
    }

    /// <summary>A profile as the hub made them before it gave unrounded window sums: only the rounded averages.</summary>
    public ProfileBuilder WithoutWindowTotals()
    {
        _windowTotals = false;
        return this;
    }

    /// <summary>What the utilities gateway bills at the registered address.</summary>
    public ProfileBuilder AtAddress(DataSet<UtilitiesData> utilities)
    {
        _address = new AddressProfile("AD00000001", utilities);
        return this;
    }

    public ProfileBuilder IncomeIncomplete()
    {
        _incomeComplete = false;
        return this;
    }

    public HouseholdProfile Build()
    {
        var incomes = _members.Select(m => new MemberIncome(m.Fin,
            _income[m.Fin] == 0 ? new Dictionary<string, decimal>() : new Dictionary<string, decimal> { ["wages"] = _income[m.Fin] }, _income[m.Fin],
            _windowTotals ? _window.GetValueOrDefault(m.Fin, _income[m.Fin] * 12) : null)).ToList();
        return new HouseholdProfile(Guid.NewGuid(), _members[0].Fin, "targeted-social-assistance", "VEM-TEST", Source.FetchedAt, TimeSpan.Zero, true,
            _members, _excluded,
            new HouseholdSummary(_members.Count, new DateOnly(2019, 6, 1), new DateOnly(2020, 5, 31), incomes, incomes.Sum(i => i.Total), _incomeComplete,
                new AssetFlags(false, false, false)),
            [],
            _address);
    }

    /// <summary>The declaration that matches this profile exactly (members and incomes).</summary>
    public ApplicationDeclaration Declaration() => new(
        _members[0].Fin,
        IdCardNumber.Parse("AA1234567"),
        _members.Skip(1).Select(m => new DeclaredMember(m.Fin, m.Relation)).ToList(),
        _members.Where(m => _income[m.Fin] > 0).Select(m => new DeclaredIncome(m.Fin, "wages", _income[m.Fin])).ToList(),
        new FeedbackChannel(ChannelKind.ECabinet, null),
        true);

    public static DataSet<T> Ok<T>(T data) where T : class => new(SourceStatus.Ok, data, Source);

    public static DataSet<T> NotFound<T>() where T : class => new(SourceStatus.NotFound, null, Source);

    public static DataSet<T> Failed<T>() where T : class => new(SourceStatus.TimedOut, null, null, "no answer in time");
}
