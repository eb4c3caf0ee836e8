using System.Globalization;

namespace IntegrationHub.Adapters.SocialFund;

/// <summary>The State Social Protection Fund: entitlements, the payments of the query's window and past assistance.</summary>
public sealed class SocialFundAdapter(IServiceProvider services, AgencyDescriptor<PensionsBenefitsData> agency)
    : AgencyAdapter<ISocialFundApi, PensionsBenefitsData>(services, agency)
{
    public const string Key = "social-fund";

    protected override async Task<PensionsBenefitsData?> FetchDataAsync(ISocialFundApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        var from = query.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = query.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await NullIfNotFound(() => api.GetBeneficiaryAsync(fin.Value, from, to, cancellationToken)) is { } dto
            ? SocialFundMapper.ToPensionsBenefits(dto)
            : null;
    }
}
