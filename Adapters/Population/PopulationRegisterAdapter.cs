namespace IntegrationHub.Adapters.Population;

/// <summary>The population register: identity data set, and the co-residents the hub proposes a household from.</summary>
public sealed class PopulationRegisterAdapter(IServiceProvider services, AgencyDescriptor<IdentityData> agency)
    : AgencyAdapter<IPopulationRegisterApi, IdentityData>(services, agency), IPopulationRegister
{
    public const string Key = "population";

    protected override async Task<IdentityData?> FetchDataAsync(IPopulationRegisterApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetPersonAsync(fin.Value, cancellationToken)) is { } dto
            ? PopulationRegisterMapper.ToIdentity(dto)
            : null;

    /// <summary>The living people registered at the person's address, or null for an unknown person.</summary>
    public async Task<CoResidents?> GetCoResidentsAsync(Fin fin, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => Api.GetCoResidentsAsync(fin.Value, cancellationToken)) is { } dto
            ? PopulationRegisterMapper.ToCoResidents(dto)
            : null;
}
