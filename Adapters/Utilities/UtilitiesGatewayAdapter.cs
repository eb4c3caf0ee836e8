using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Utilities;

/// <summary>Utilities and telecom: the person's accounts (meters) and the charges and payments of the 12-month window.</summary>
public sealed class UtilitiesGatewayAdapter(IServiceProvider services)
    : AgencyAdapter<IUtilitiesGatewayApi, UtilitiesData>(services)
{
    public const string Key = "utilities";

    /// <summary>The gateway's largest page (25): a four-account household's year takes two pages.</summary>
    public const int PageSize = 25;

    public override AgencyDescriptor Agency { get; } = new(Key, "Utilities and telecom (Azərişıq, Azəriqaz, Azərsu, Aztelekom)", "utilities");

    protected override async Task<UtilitiesData?> FetchDataAsync(IUtilitiesGatewayApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        if (await NullIfNotFound(() => api.GetAccountsAsync(fin.Value, cancellationToken)) is not { } accounts)
        {
            return null;
        }
        // Charges are asked for even with no open account: a closed account's bills in the window still count.
        var charges = new List<MonthlyChargeDto>();
        for (var page = 1; ; page++)
        {
            var answer = await api.GetChargesAsync(fin.Value, query.PeriodFrom, query.PeriodTo, page, PageSize, cancellationToken);
            charges.AddRange(answer.Items);
            // An empty page ends the walk even if the total says otherwise, so a miscounting gateway cannot loop us.
            if (answer.Items.Count == 0 || charges.Count >= answer.TotalCount) break;
        }
        return UtilitiesGatewayMapper.ToUtilities(fin, accounts, charges);
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<UtilitiesData> set) => member with { Utilities = set };
}

public static class UtilitiesGatewayRegistration
{
    public static IServiceCollection AddUtilitiesGatewayAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<IUtilitiesGatewayApi, UtilitiesGatewayAdapter>(configuration, UtilitiesGatewayAdapter.Key, UtilitiesGatewayJsonContext.Default);
        return services;
    }
}
