using System.Text.Json;
using System.Text.Json.Serialization;

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

// PascalCase and case-sensitive, as the fund sends it. Strict reading: a field the DTO expects but the agency
// does not send is a malformed answer, not a silent null or zero.
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BeneficiaryDto))]
public sealed partial class SocialFundJsonContext : JsonSerializerContext;
