using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles.DataSets;

/// <summary>Labour-contract registry: the person's registered employment contracts, active and past.</summary>
public sealed record EmploymentData(IReadOnlyList<EmploymentContract> Contracts)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<EmploymentData> DataSet { get; } = new(
        "employment",
        m => m.Employment,
        (m, set) => m with { Employment = set });

    public bool CurrentlyEmployed => Contracts.Any(c => c.Active);
}

public sealed record EmploymentContract(string ContractNumber, Voen EmployerVoen, string EmployerName, string Position, decimal MonthlyWage, DateOnly StartDate, DateOnly? EndDate, bool Active);
