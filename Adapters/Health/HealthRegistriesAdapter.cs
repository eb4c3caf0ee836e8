using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Adapters.Health;

/// <summary>The health registries: form-88 referrals, disease-registry entries, and sick leave since the window began.</summary>
public sealed class HealthRegistriesAdapter(IServiceProvider services, AgencyDescriptor<HealthData> agency)
    : AgencyAdapter<IHealthRegistriesApi, HealthData>(services, agency)
{
    public const string Key = "health";

    protected override async Task<HealthData?> FetchDataAsync(IHealthRegistriesApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        // All three at once: the profile's critical path is one round trip per phase.
        var referralsTask = NullIfNotFound(() => api.GetReferralsAsync(fin.Value, cancellationToken));
        var registriesTask = NullIfNotFound(() => api.GetRegistriesAsync(fin.Value, cancellationToken));
        // Up to today rather than the window's end: sick leave running now explains a gap in this month's wage.
        var sickLeaveTask = NullIfNotFound(() => api.GetSickLeaveAsync(fin.Value, query.PeriodFrom, query.Today, cancellationToken));
        await Task.WhenAll(referralsTask, registriesTask, sickLeaveTask);
        return referralsTask.Result is { } referrals && registriesTask.Result is { } registries && sickLeaveTask.Result is { } sickLeave
            ? HealthRegistriesMapper.ToHealth(fin, referrals, registries, sickLeave)
            : null;
    }
}
