using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Adapters.Utilities;

/// <summary>
/// The accounts billed at the applicant's registered address, whoever holds them: a deceased member's or a
/// landlord's accounts are found by no member's FIN, and without them the household's utilities read as zero.
/// </summary>
public sealed partial class UtilitiesGatewayAdapter : IAddressAgencyAdapter
{
    public async Task<object?> FetchAtAddressAsync(string addressId, AgencyQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addressId);
        ArgumentNullException.ThrowIfNull(query);
        var api = Api;
        var accountsTask = NullIfNotFound(() => api.GetAddressAccountsAsync(addressId, cancellationToken));
        var firstTask = NullIfNotFound(() => api.GetAddressChargesAsync(addressId, query.PeriodFrom, query.PeriodTo, 1, PageSize, cancellationToken));
        await Task.WhenAll(accountsTask, firstTask);
        if (accountsTask.Result is not { } accounts || firstTask.Result is not { } answer) return null;
        var charges = new List<MonthlyChargeDto>(answer.Items);
        for (var page = 2; answer.Items.Count > 0 && charges.Count < answer.TotalCount; page++)
        {
            answer = await api.GetAddressChargesAsync(addressId, query.PeriodFrom, query.PeriodTo, page, PageSize, cancellationToken);
            charges.AddRange(answer.Items);
        }
        return UtilitiesGatewayMapper.ToAddressUtilities(addressId, accounts, charges);
    }

    public AddressProfile Apply(AddressProfile address, SourceStatus status, object? data, Provenance? provenance, string? detail)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address with { Utilities = new DataSet<UtilitiesData>(status, (UtilitiesData?)data, provenance, detail) };
    }
}
