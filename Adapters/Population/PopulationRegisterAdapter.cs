using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Population;

/// <summary>The population register: identity data set, and the co-residents the hub proposes a household from.</summary>
public sealed class PopulationRegisterAdapter(IServiceProvider services)
    : AgencyAdapter<IPopulationRegisterApi, IdentityData>(services)
{
    public const string Key = "population";

    public override AgencyDescriptor Agency { get; } = new(Key, "Population register (Interior Ministry)", "identity");

    protected override async Task<IdentityData?> FetchDataAsync(IPopulationRegisterApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetPersonAsync(fin.Value, cancellationToken)) is { } dto
            ? PopulationRegisterMapper.ToIdentity(dto)
            : null;

    protected override MemberProfile Apply(MemberProfile member, DataSet<IdentityData> set) => member with { Identity = set };

    /// <summary>The living people registered at the person's address, or null for an unknown person.</summary>
    public async Task<CoResidents?> GetCoResidentsAsync(Fin fin, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => Api.GetCoResidentsAsync(fin.Value, cancellationToken)) is { } dto
            ? PopulationRegisterMapper.ToCoResidents(dto)
            : null;
}

public static class PopulationRegisterRegistration
{
    public static IServiceCollection AddPopulationRegisterAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<IPopulationRegisterApi, PopulationRegisterAdapter>(configuration, PopulationRegisterAdapter.Key, PopulationRegisterJsonContext.Default);
        return services;
    }
}
