namespace IntegrationHub.Adapters.SocialFund;

/// <summary>State Social Protection Fund (DSMF), beneficiary API v1 (PascalCase).</summary>
public interface ISocialFundApi
{
    /// <summary>
    /// The person's pensions, allowances and past targeted assistance, with the payments made for the months from
    /// <paramref name="dateFrom"/> to <paramref name="dateTo"/> (<c>yyyy-MM-dd</c>); 404 <c>PIN_NOT_FOUND</c> for an unknown FIN.
    /// </summary>
    [Get("/dsmf/api/v1/Beneficiaries/{pin}/Entitlements")]
    Task<BeneficiaryDto> GetBeneficiaryAsync(string pin, [AliasAs("DateFrom")] string dateFrom, [AliasAs("DateTo")] string dateTo, CancellationToken cancellationToken);
}
