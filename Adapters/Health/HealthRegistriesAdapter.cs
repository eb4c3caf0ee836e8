using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Health;

/// <summary>The health registries: form-88 referrals, disease-registry entries, and sick leave since the window began.</summary>
public sealed class HealthRegistriesAdapter(IServiceProvider services)
    : AgencyAdapter<IHealthRegistriesApi, HealthData>(services)
{
    public const string Key = "health";

    public override AgencyDescriptor Agency { get; } = new(Key, "Health registries (Ministry of Health, TƏBİB)", "health");

    protected override async Task<HealthData?> FetchDataAsync(IHealthRegistriesApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        if (await NullIfNotFound(() => api.GetReferralsAsync(fin.Value, cancellationToken)) is not { } referrals)
        {
            return null;
        }
        // One call after another, not in parallel: a failing registry then costs one call's retries, not three.
        var registries = await api.GetRegistriesAsync(fin.Value, cancellationToken);
        // Up to today rather than the window's end: sick leave running now explains a gap in this month's wage.
        var sickLeave = await api.GetSickLeaveAsync(fin.Value, query.PeriodFrom, query.Today, cancellationToken);
        return HealthRegistriesMapper.ToHealth(fin, referrals, registries, sickLeave);
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<HealthData> set) => member with { Health = set };
}

public static class HealthRegistriesRegistration
{
    public static IServiceCollection AddHealthRegistriesAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<IHealthRegistriesApi, HealthRegistriesAdapter>(configuration, HealthRegistriesAdapter.Key, HealthRegistriesJsonContext.Default);
        return services;
    }
}
