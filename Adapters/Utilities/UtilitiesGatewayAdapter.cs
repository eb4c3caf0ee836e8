namespace IntegrationHub.Adapters.Utilities;

/// <summary>Utilities and telecom: the person's accounts (meters) and the charges and payments of the 12-month window.</summary>
public sealed partial class UtilitiesGatewayAdapter(IServiceProvider services, AgencyDescriptor<UtilitiesData> agency)
    : AgencyAdapter<IUtilitiesGatewayApi, UtilitiesData>(services, agency)
{
    public const string Key = "utilities";

    /// <summary>The gateway's largest page (it refuses more): a four-account household's year (48 rows) takes two pages.</summary>
    public const int PageSize = 25;

    protected override async Task<UtilitiesData?> FetchDataAsync(IUtilitiesGatewayApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        // Charges are asked for even with no open account: a closed account's bills in the window still count.
        // Accounts and the first page of charges at once; further pages follow.
        if (await BothOrNull(() => api.GetAccountsAsync(fin.Value, cancellationToken), () => Charges(1)) is not (var accounts, var first)) return null;
        var charges = await AgencyPaging.ReadAllAsync(first, async page => await Charges(page), Options.MaxPages);
        return UtilitiesGatewayMapper.ToUtilities(fin, accounts, charges);

        Task<ChargePageDto> Charges(int page) =>
            api.GetChargesAsync(fin.Value, query.PeriodFrom, query.PeriodTo, page, PageSize, cancellationToken);
    }
}
