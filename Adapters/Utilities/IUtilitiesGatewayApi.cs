namespace IntegrationHub.Adapters.Utilities;

/// <summary>
/// The utilities billing gateway that fronts Azərişıq, Azəriqaz, Azərsu and Aztelekom, API v1 (PascalCase).
/// </summary>
public interface IUtilitiesGatewayApi
{
    /// <summary>The person's subscriber accounts with every provider; 404 <c>SUBSCRIBER_NOT_FOUND</c> for an unknown FIN.</summary>
    [Get("/billing/v1/subscribers/{fin}/accounts")]
    Task<SubscriberAccountsDto> GetAccountsAsync(string fin, CancellationToken cancellationToken);

    /// <summary>Monthly charges and payments on all the person's accounts for the billing months <paramref name="fromMonth"/> to <paramref name="toMonth"/>, one page (1-based).</summary>
    [Get("/billing/v1/subscribers/{fin}/charges")]
    Task<ChargePageDto> GetChargesAsync(
        string fin,
        [AliasAs("FromMonth")][Query(Format = "yyyy-MM")] DateOnly fromMonth,
        [AliasAs("ToMonth")][Query(Format = "yyyy-MM")] DateOnly toMonth,
        [AliasAs("Page")] int page,
        [AliasAs("PageSize")] int pageSize,
        CancellationToken cancellationToken);

    /// <summary>The accounts billed at a supply address, whoever holds them; 404 <c>ADDRESS_NOT_FOUND</c> when no provider bills anything there.</summary>
    [Get("/billing/v1/addresses/{addressCode}/accounts")]
    Task<AddressAccountsDto> GetAddressAccountsAsync(string addressCode, CancellationToken cancellationToken);

    /// <summary>Monthly charges and payments on every account billed at the address, one page (1-based), as <see cref="GetChargesAsync"/>.</summary>
    [Get("/billing/v1/addresses/{addressCode}/charges")]
    Task<ChargePageDto> GetAddressChargesAsync(
        string addressCode,
        [AliasAs("FromMonth")][Query(Format = "yyyy-MM")] DateOnly fromMonth,
        [AliasAs("ToMonth")][Query(Format = "yyyy-MM")] DateOnly toMonth,
        [AliasAs("Page")] int page,
        [AliasAs("PageSize")] int pageSize,
        CancellationToken cancellationToken);
}
