namespace IntegrationHub.Mocks.Population;

/// <summary>One synthetic citizen with everything every agency knows about them.</summary>
public sealed class Person
{
    public required string Fin { get; init; }
    public required string GivenName { get; init; }
    public required string Surname { get; init; }
    public string? Patronymic { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required char Sex { get; init; } // 'M' or 'F'
    public string Citizenship { get; set; } = "AZE";
    public required string IdCardNumber { get; init; }
    public required DateOnly IdIssuedOn { get; init; }
    public required DateOnly IdValidUntil { get; init; }
    public required Household Household { get; set; }
    public required string Role { get; set; } // head, spouse, child, parent, sibling, grandchild, other
    public DateOnly? DateOfDeath { get; set; }

    public List<Job> Jobs { get; } = [];
    public Business? Business { get; set; }
    public decimal MonthlyRent { get; set; }
    public List<Pension> Pensions { get; } = [];
    public List<Pension> Allowances { get; } = [];
    public List<(DateOnly From, DateOnly To, decimal Monthly)> PastAssistance { get; } = [];
    public JobSeeker? JobSeeker { get; set; }
    public List<Assessment> Disability { get; } = [];
    public List<Study> Studies { get; } = [];
    public List<Car> Vehicles { get; } = [];
    public DateOnly? LicenceValidUntil { get; set; }
    public List<Estate> Properties { get; } = [];
    public List<EstateDeal> Deals { get; } = [];
    public List<LandPlot> Land { get; } = [];
    public int Cattle { get; set; }
    public int Sheep { get; set; }
    public int Poultry { get; set; }
    public decimal LandSubsidy { get; set; }
    public List<UtilityAccount> UtilityAccounts { get; } = [];
    public List<HealthReferral> Referrals { get; } = [];
    public List<(string Registry, DateOnly Since, string Icd)> DiseaseRegistries { get; } = [];
    public List<(DateOnly From, DateOnly To, string Icd)> SickLeave { get; } = [];
    public StatusFlags Status { get; } = new();
    public int OpenLoans { get; set; }
    public decimal LoanOutstanding { get; set; }

    /// <summary>What makes this person worth trying, for the sample list.</summary>
    public List<string> Notes { get; } = [];

    public bool Deceased => DateOfDeath is not null;

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }
}

public sealed record Job(string ContractNo, string EmployerVoen, string EmployerName, string Position, decimal MonthlyWage, DateOnly Start, DateOnly? End);

public sealed record Business(string Voen, string Regime, DateOnly RegisteredOn, decimal MonthlyIncome);

public sealed record Pension(string Kind, decimal Monthly, DateOnly Since, DateOnly? Until = null);

public sealed record JobSeeker(DateOnly RegisteredOn, decimal? InsuranceMonthly, List<(string OfferId, DateOnly On, string Employer, string Position)> RefusedOffers);

public sealed record Assessment(int Percent, string Cause, DateOnly From, DateOnly? Until);

public sealed record Study(string Institution, string Level, bool FullTime, DateOnly From, DateOnly? To);

public sealed record Car(string Plate, string Make, string Model, int Year, bool Owner, bool RehabilitationGrant, DateOnly Since);

public sealed record Estate(string RegistryNo, string Purpose, string Address, decimal SharePercent, decimal Area, DateOnly Acquired);

public sealed record EstateDeal(DateOnly Date, bool Sale, string RegistryNo, string Purpose, decimal Value);

public sealed record LandPlot(string ParcelId, string Region, decimal Hectares, string Use);

public sealed record UtilityAccount(string AccountNo, string Provider, string Kind, string MeterId, string AddressId, decimal MonthlyCharge);

public sealed record HealthReferral(string Number, DateOnly IssuedOn, string Clinic, string[] Icd10);

public sealed class StatusFlags
{
    public bool Conscript { get; set; }
    public bool Prisoner { get; set; }
    public bool Wanted { get; set; }
    public bool Abroad { get; set; }
    public bool Foreigner { get; set; }
    public bool StateCare { get; set; }
    public bool Idp { get; set; }
}
