using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.CivilRegistry;

/// <summary>The civil registry: the person's family ties, derived from the acts that name them.</summary>
public sealed class CivilRegistryAdapter(IServiceProvider services)
    : AgencyAdapter<ICivilRegistryApi, FamilyRelationsData>(services)
{
    public const string Key = "civil-registry";

    public override AgencyDescriptor Agency { get; } = new(Key, "Civil registry (Justice Ministry)", "family-relations");

    protected override async Task<FamilyRelationsData?> FetchDataAsync(ICivilRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetActsAsync(fin.Value, cancellationToken)) is { } dto
            ? CivilRegistryMapper.ToFamilyRelations(fin, dto)
            : null;

    protected override MemberProfile Apply(MemberProfile member, DataSet<FamilyRelationsData> set) => member with { FamilyRelations = set };
}

public static class CivilRegistryRegistration
{
    public static IServiceCollection AddCivilRegistryAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<ICivilRegistryApi, CivilRegistryAdapter>(configuration, CivilRegistryAdapter.Key, CivilRegistryJsonContext.Default);
        return services;
    }
}
