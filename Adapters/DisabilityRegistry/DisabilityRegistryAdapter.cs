using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.DisabilityRegistry;

/// <summary>The disability registry (TSERAS): impairment assessments, current and past.</summary>
public sealed class DisabilityRegistryAdapter(IServiceProvider services)
    : AgencyAdapter<IDisabilityRegistryApi, DisabilityData>(services)
{
    public const string Key = "disability-registry";

    public override AgencyDescriptor Agency { get; } = new(Key, "Disability registry (TSERAS)", "disability");

    // No date window: a decision from years ago may still be the one in force (indefinite assessments).
    protected override async Task<DisabilityData?> FetchDataAsync(IDisabilityRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetAssessmentsAsync(fin.Value, cancellationToken)) is { } dto
            ? DisabilityRegistryMapper.ToDisability(dto)
            : null;

    protected override MemberProfile Apply(MemberProfile member, DataSet<DisabilityData> set) => member with { Disability = set };
}

public static class DisabilityRegistryRegistration
{
    public static IServiceCollection AddDisabilityRegistryAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<IDisabilityRegistryApi, DisabilityRegistryAdapter>(configuration, DisabilityRegistryAdapter.Key, DisabilityRegistryJsonContext.Default);
        return services;
    }
}
