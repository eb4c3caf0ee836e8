namespace IntegrationHub.Adapters.Property;

/// <summary>The property registry: real estate owned now, and purchases and sales over the last 24 months.</summary>
public sealed class PropertyRegistryAdapter(IServiceProvider services, AgencyDescriptor<RealEstateData> agency)
    : AgencyAdapter<IPropertyRegistryApi, RealEstateData>(services, agency)
{
    public const string Key = "property";

    /// <summary>The registry's largest page; asking for it keeps the number of calls per person at one in practice.</summary>
    public const int PageSize = 100;

    protected override async Task<RealEstateData?> FetchDataAsync(IPropertyRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        // Twice the income window: the hub's rules, not the adapter, decide which deals count, and a deal
        // just before the 12 months is still evidence a caseworker reviewing the application needs to see.
        // Rights and the first page of deals at once; further pages follow.
        var from = query.PeriodFrom.AddMonths(-12);
        if (await BothOrNull(() => api.GetRightsAsync(fin.Value, cancellationToken), () => Transactions(1)) is not (var rights, var first)) return null;
        var transactions = await AgencyPaging.ReadAllAsync(first, async page => await Transactions(page), Options.MaxPages);
        return PropertyRegistryMapper.ToRealEstate(fin, rights, transactions);

        Task<TransactionPageDto> Transactions(int page) =>
            api.GetTransactionsAsync(fin.Value, from, query.Today, page, PageSize, cancellationToken);
    }
}
