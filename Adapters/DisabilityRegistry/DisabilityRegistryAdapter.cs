namespace IntegrationHub.Adapters.DisabilityRegistry;

/// <summary>The disability registry (TSERAS): impairment assessments, current and past.</summary>
public sealed class DisabilityRegistryAdapter(IServiceProvider services, AgencyDescriptor<DisabilityData> agency)
    : AgencyAdapter<IDisabilityRegistryApi, DisabilityData>(services, agency)
{
    public const string Key = "disability-registry";

    // No date window: a decision from years ago may still be the one in force (indefinite assessments).
    protected override async Task<DisabilityData?> FetchDataAsync(IDisabilityRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetAssessmentsAsync(fin.Value, cancellationToken)) is { } dto
            ? DisabilityRegistryMapper.ToDisability(dto)
            : null;
}
