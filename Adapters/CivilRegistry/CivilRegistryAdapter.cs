namespace IntegrationHub.Adapters.CivilRegistry;

/// <summary>The civil registry: the person's family ties, derived from the acts that name them.</summary>
public sealed class CivilRegistryAdapter(IServiceProvider services, AgencyDescriptor<FamilyRelationsData> agency)
    : AgencyAdapter<ICivilRegistryApi, FamilyRelationsData>(services, agency)
{
    public const string Key = "civil-registry";

    protected override async Task<FamilyRelationsData?> FetchDataAsync(ICivilRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetActsAsync(fin.Value, cancellationToken)) is { } dto
            ? CivilRegistryMapper.ToFamilyRelations(fin, dto)
            : null;
}
