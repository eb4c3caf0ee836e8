namespace IntegrationHub.Adapters.StatusRegistries;

/// <summary>
/// The status registries (defence, penitentiary, interior, migration, social services, IDP committee, credit
/// bureau) through their one combined service: the facts that decide who counts as a family member.
/// </summary>
public sealed class StatusRegistriesAdapter(IServiceProvider services, AgencyDescriptor<StatusFlagsData> agency)
    : AgencyAdapter<IStatusRegistriesApi, StatusFlagsData>(services, agency)
{
    public const string Key = "status-registries";

    protected override async Task<StatusFlagsData?> FetchDataAsync(IStatusRegistriesApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetFlagsAsync(fin.Value, cancellationToken)) is { } dto
            ? StatusRegistriesMapper.ToStatusFlags(dto)
            : null;
}
