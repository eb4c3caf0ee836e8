namespace IntegrationHub.Adapters.Utilities;

/// <summary>
/// The accounts billed at the applicant's registered address, whoever holds them: a deceased member's or a
/// landlord's accounts are found by no member's FIN, and without them the household's utilities read as zero.
/// </summary>
public sealed partial class UtilitiesGatewayAdapter : IAddressAgencyAdapter<UtilitiesData>
{
    public async Task<UtilitiesData?> FetchAtAddressAsync(string addressId, AgencyQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addressId);
        ArgumentNullException.ThrowIfNull(query);
        var api = Api;
        // As for a member: the accounts and the first page at once, further pages by the one paging helper and its guard.
        if (await BothOrNull(() => api.GetAddressAccountsAsync(addressId, cancellationToken), () => Charges(1)) is not (var accounts, var first)) return null;
        var charges = await AgencyPaging.ReadAllAsync(first, async page => await Charges(page), Options.MaxPages);
        return UtilitiesGatewayMapper.ToAddressUtilities(addressId, accounts, charges);

        Task<ChargePageDto> Charges(int page) =>
            api.GetAddressChargesAsync(addressId, query.PeriodFrom, query.PeriodTo, page, PageSize, cancellationToken);
    }
}
