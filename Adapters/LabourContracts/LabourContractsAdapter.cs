namespace IntegrationHub.Adapters.LabourContracts;

/// <summary>The labour-contract registry: every contract of the person, read page by page.</summary>
public sealed class LabourContractsAdapter(IServiceProvider services, AgencyDescriptor<EmploymentData> agency)
    : AgencyAdapter<ILabourContractsApi, EmploymentData>(services, agency)
{
    public const string Key = "labour-contracts";

    /// <summary>Contracts asked for per page: most people fit one page, and it stays under the registry's cap of 50.</summary>
    public const int PageSize = 20;

    protected override Task<EmploymentData?> FetchDataAsync(ILabourContractsApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        FetchAllPagesAsync(api, fin, PageSize, Options.MaxPages, cancellationToken);

    /// <summary>Every contract of the person, following the pages until <c>total</c> is reached; null for an unknown person.</summary>
    public static async Task<EmploymentData?> FetchAllPagesAsync(ILabourContractsApi api, Fin fin, int pageSize, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(fin);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (await NullIfNotFound(() => Contracts(1)) is not { } first) return null;
        var contracts = await AgencyPaging.ReadAllAsync(first, async page => await Contracts(page), maxPages);
        return LabourContractsMapper.ToEmployment(contracts);

        Task<ContractPageDto> Contracts(int page) => api.GetContractsAsync(fin.Value, page, pageSize, cancellationToken);
    }
}
