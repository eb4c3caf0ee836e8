namespace IntegrationHub.Adapters.Health;

/// <summary>The health registries: form-88 referrals, disease-registry entries, and sick leave since the window began.</summary>
public sealed class HealthRegistriesAdapter(IServiceProvider services, AgencyDescriptor<HealthData> agency)
    : AgencyAdapter<IHealthRegistriesApi, HealthData>(services, agency)
{
    public const string Key = "health";

    protected override async Task<HealthData?> FetchDataAsync(IHealthRegistriesApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        // Sick leave up to today rather than the window's end: sick leave running now explains a gap in this month's wage.
        return await AllOrNull(
                () => api.GetReferralsAsync(fin.Value, cancellationToken),
                () => api.GetRegistriesAsync(fin.Value, cancellationToken),
                () => api.GetSickLeaveAsync(fin.Value, query.PeriodFrom, query.Today, cancellationToken)) is (var referrals, var registries, var sickLeave)
            ? HealthRegistriesMapper.ToHealth(fin, referrals, registries, sickLeave)
            : null;
    }
}
