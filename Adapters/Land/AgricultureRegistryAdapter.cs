namespace IntegrationHub.Adapters.Land;

/// <summary>The agriculture registry: land shares, livestock, and the subsidies of the crop years the income window touches.</summary>
public sealed class AgricultureRegistryAdapter(IServiceProvider services, AgencyDescriptor<LandData> agency)
    : AgencyAdapter<IAgricultureRegistryApi, LandData>(services, agency)
{
    public const string Key = "land";

    protected override async Task<LandData?> FetchDataAsync(IAgricultureRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        // Subsidies are booked per crop year, not per day: every year the 12-month window touches is asked for,
        // which always includes the previous year's subsidy.
        return await BothOrNull(
                () => api.GetHoldingAsync(fin.Value, cancellationToken),
                () => api.GetSubsidiesAsync(fin.Value, query.PeriodFrom.Year, query.PeriodTo.Year, cancellationToken)) is (var holding, var subsidies)
            ? AgricultureRegistryMapper.ToLand(fin, holding.Data, subsidies.Data)
            : null;
    }
}
