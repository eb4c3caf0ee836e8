namespace IntegrationHub.Adapters.LabourContracts;

/// <summary>Labour-contract registry wire records to the canonical employment data set.</summary>
public static class LabourContractsMapper
{
    public static EmploymentData ToEmployment(IEnumerable<LabourContractDto> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        return new EmploymentData(contracts.Select(ToContract).ToList());
    }

    /// <summary>A suspended contract is still in force (the job is kept), so it counts as active.</summary>
    public static EmploymentContract ToContract(LabourContractDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var active = dto.Status switch
        {
            "ACTIVE" or "SUSPENDED" => true,
            "TERMINATED" => false,
            _ => throw new FormatException($"Unknown contract status '{dto.Status}' from the labour-contract registry."),
        };
        return new EmploymentContract(
            dto.ContractNumber,
            Voen.Parse(dto.Employer.Voen),
            dto.Employer.Name,
            dto.Position,
            dto.MonthlyWage,
            dto.StartDate,
            dto.EndDate,
            active);
    }
}
