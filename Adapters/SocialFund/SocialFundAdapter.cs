using System.Globalization;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.SocialFund;

/// <summary>The State Social Protection Fund: entitlements, the payments of the query's window and past assistance.</summary>
public sealed class SocialFundAdapter(IServiceProvider services)
    : AgencyAdapter<ISocialFundApi, PensionsBenefitsData>(services)
{
    public const string Key = "social-fund";

    public override AgencyDescriptor Agency { get; } = new(Key, "State Social Protection Fund (DSMF)", "pensions-benefits");

    protected override async Task<PensionsBenefitsData?> FetchDataAsync(ISocialFundApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        var from = query.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = query.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await NullIfNotFound(() => api.GetBeneficiaryAsync(fin.Value, from, to, cancellationToken)) is { } dto
            ? SocialFundMapper.ToPensionsBenefits(dto)
            : null;
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<PensionsBenefitsData> set) => member with { PensionsBenefits = set };
}

public static class SocialFundRegistration
{
    public static IServiceCollection AddSocialFundAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<ISocialFundApi, SocialFundAdapter>(configuration, SocialFundAdapter.Key, SocialFundJsonContext.Default);
        return services;
    }
}
