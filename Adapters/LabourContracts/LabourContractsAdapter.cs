using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.LabourContracts;

/// <summary>The labour-contract registry: every contract of the person, read page by page.</summary>
public sealed class LabourContractsAdapter(IServiceProvider services)
    : AgencyAdapter<ILabourContractsApi, EmploymentData>(services)
{
    public const string Key = "labour-contracts";

    /// <summary>Contracts asked for per page: most people fit one page, and it stays under the registry's cap of 50.</summary>
    public const int PageSize = 20;

    /// <summary>More pages than this means the registry's paging is broken, not that the person had 2,000 jobs.</summary>
    public const int MaxPages = 100;

    public override AgencyDescriptor Agency { get; } = new(Key, "Labour-contract registry (MLSPP)", "employment");

    protected override Task<EmploymentData?> FetchDataAsync(ILabourContractsApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        FetchAllPagesAsync(api, fin, PageSize, cancellationToken);

    /// <summary>Every contract of the person, following the pages until <c>total</c> is reached; null for an unknown person.</summary>
    public static async Task<EmploymentData?> FetchAllPagesAsync(ILabourContractsApi api, Fin fin, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(fin);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var contracts = new List<LabourContractDto>();
        for (var page = 1; ; page++)
        {
            if (page > MaxPages)
            {
                throw new FormatException($"The labour-contract registry's paging did not end after {MaxPages} pages.");
            }
            var number = page;
            if (await NullIfNotFound(() => api.GetContractsAsync(fin.Value, number, pageSize, cancellationToken)) is not { } dto)
            {
                return null;
            }
            contracts.AddRange(dto.Items);
            // An empty page ends the walk even if total promised more: the records went away between pages.
            if (dto.Items.Count == 0 || contracts.Count >= dto.Total)
            {
                return LabourContractsMapper.ToEmployment(contracts);
            }
        }
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<EmploymentData> set) => member with { Employment = set };
}

public static class LabourContractsRegistration
{
    public static IServiceCollection AddLabourContractsAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<ILabourContractsApi, LabourContractsAdapter>(configuration, LabourContractsAdapter.Key, LabourContractsJsonContext.Default);
        return services;
    }
}
