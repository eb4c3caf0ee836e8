namespace IntegrationHub.Adapters.Property;

/// <summary>Real estate registry of the State Service on Property Issues, API v1 (snake_case).</summary>
public interface IPropertyRegistryApi
{
    /// <summary>The rights of ownership registered to the person now; 404 <c>OWNER_NOT_FOUND</c> for an unknown FIN.</summary>
    [Get("/api/v1/owners/{fin}/rights")]
    Task<OwnerRightsDto> GetRightsAsync(string fin, CancellationToken cancellationToken);

    /// <summary>Purchases and sales registered to the person with a date in [<paramref name="dateFrom"/>, <paramref name="dateTo"/>], one page (1-based).</summary>
    [Get("/api/v1/owners/{fin}/transactions")]
    Task<TransactionPageDto> GetTransactionsAsync(
        string fin,
        [AliasAs("date_from")][Query(Format = "yyyy-MM-dd")] DateOnly dateFrom,
        [AliasAs("date_to")][Query(Format = "yyyy-MM-dd")] DateOnly dateTo,
        int page,
        [AliasAs("page_size")] int pageSize,
        CancellationToken cancellationToken);
}
