namespace IntegrationHub.Adapters.Utilities;

// Wire shapes of the utilities billing gateway, as it publishes them (PascalCase).

public sealed record SubscriberAccountsDto(string SubscriberFin, IReadOnlyList<SubscriberAccountDto> Accounts);

/// <param name="ServiceType">ELECTRICITY, GAS, WATER or TELECOM.</param>
/// <param name="MeterId">The meter (or line) the account bills; several accounts on one meter share a household.</param>
/// <param name="AddressCode">The population register's address code of the supply point.</param>
public sealed record SubscriberAccountDto(string AccountNo, string Provider, string ServiceType, string MeterId, string AddressCode);

/// <param name="AddressCode">The population register's address code asked about.</param>
public sealed record AddressAccountsDto(string AddressCode, IReadOnlyList<SubscriberAccountDto> Accounts);

public sealed record ChargePageDto(IReadOnlyList<MonthlyChargeDto> Items, int Page, int PageSize, int TotalCount) : IAgencyPage<MonthlyChargeDto>
{
    int IAgencyPage<MonthlyChargeDto>.Total => TotalCount;
}

/// <param name="Period">The billing month, <c>yyyy-MM</c>.</param>
public sealed record MonthlyChargeDto(string AccountNo, string Period, decimal ChargedAzn, decimal PaidAzn);

// Read exactly as docs/agencies/utilities.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SubscriberAccountsDto))]
[JsonSerializable(typeof(AddressAccountsDto))]
[JsonSerializable(typeof(ChargePageDto))]
public sealed partial class UtilitiesGatewayJsonContext : JsonSerializerContext;
