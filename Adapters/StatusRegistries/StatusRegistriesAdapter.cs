using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.StatusRegistries;

/// <summary>
/// The status registries (defence, penitentiary, interior, migration, social services, IDP committee, credit
/// bureau) through their one combined service: the facts that decide who counts as a family member.
/// </summary>
public sealed class StatusRegistriesAdapter(IServiceProvider services)
    : AgencyAdapter<IStatusRegistriesApi, StatusFlagsData>(services)
{
    public const string Key = "status-registries";

    public override AgencyDescriptor Agency { get; } = new(Key, "Status registries (defence, penitentiary, migration, IDP, credit bureau)", "status-flags");

    protected override async Task<StatusFlagsData?> FetchDataAsync(IStatusRegistriesApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken) =>
        await NullIfNotFound(() => api.GetFlagsAsync(fin.Value, cancellationToken)) is { } dto
            ? StatusRegistriesMapper.ToStatusFlags(dto)
            : null;

    protected override MemberProfile Apply(MemberProfile member, DataSet<StatusFlagsData> set) => member with { StatusFlags = set };
}

public static class StatusRegistriesRegistration
{
    public static IServiceCollection AddStatusRegistriesAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<IStatusRegistriesApi, StatusRegistriesAdapter>(configuration, StatusRegistriesAdapter.Key, StatusRegistriesJsonContext.Default);
        return services;
    }
}
