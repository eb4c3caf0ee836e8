namespace IntegrationHub.Adapters.LabourContracts;

/// <summary>Labour-contract registry of the Ministry of Labour and Social Protection of the Population (MLSPP), API v1.</summary>
public interface ILabourContractsApi
{
    /// <summary>
    /// One page of the person's labour contracts, active and terminated, oldest first; 404 <c>EMPLOYEE_NOT_FOUND</c>
    /// for an unknown FIN. <paramref name="page"/> counts from 1; the registry caps <paramref name="pageSize"/> at 50.
    /// </summary>
    [Get("/mlspp/v1/employees/{fin}/labour-contracts")]
    Task<ContractPageDto> GetContractsAsync(string fin, [AliasAs("page")] int page, [AliasAs("pageSize")] int pageSize, CancellationToken cancellationToken);
}
