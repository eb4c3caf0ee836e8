using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles.DataSets;

/// <summary>Labour-contract registry: the person's registered employment contracts, active and past.</summary>
public sealed record EmploymentData(IReadOnlyList<EmploymentContract> Contracts)
{
    public bool CurrentlyEmployed => Contracts.Any(c => c.Active);
}

public sealed record EmploymentContract(string ContractNumber, Voen EmployerVoen, string EmployerName, string Position, decimal MonthlyWage, DateOnly StartDate, DateOnly? EndDate, bool Active);
