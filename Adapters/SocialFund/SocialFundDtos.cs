namespace IntegrationHub.Adapters.SocialFund;

// Wire shapes of the State Social Protection Fund, as it publishes them (PascalCase).

public sealed record BeneficiaryDto(
    string Pin,
    IReadOnlyList<EntitlementDto> Pensions,
    IReadOnlyList<EntitlementDto> Allowances,
    IReadOnlyList<PaymentDto> Payments,
    IReadOnlyList<TargetedAssistanceDto> TargetedAssistance);

/// <param name="TypeCode">e.g. OLD_AGE_PENSION, DISABILITY_ALLOWANCE (see <see cref="SocialFundMapper"/>).</param>
public sealed record EntitlementDto(string TypeCode, decimal MonthlyAmount, DateOnly AssignedFrom, DateOnly? AssignedTo = null);

/// <summary>One payment: the fund books them by year and month number.</summary>
public sealed record PaymentDto(int Year, int Month, string TypeCode, decimal Amount);

public sealed record TargetedAssistanceDto(DateOnly AwardedFrom, DateOnly AwardedTo, decimal MonthlyAmount);

// Read exactly as docs/agencies/social-fund.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BeneficiaryDto))]
public sealed partial class SocialFundJsonContext : JsonSerializerContext;
