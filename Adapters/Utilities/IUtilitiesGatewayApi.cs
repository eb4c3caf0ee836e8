using Refit;

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
}
