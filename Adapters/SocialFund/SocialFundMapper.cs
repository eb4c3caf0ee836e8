namespace IntegrationHub.Adapters.SocialFund;

/// <summary>State Social Protection Fund wire records to the canonical pensions and benefits data set.</summary>
public static class SocialFundMapper
{
    /// <summary>The fund's type codes and the canonical kind each stands for.</summary>
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["OLD_AGE_PENSION"] = "old-age pension",
        ["DISABILITY_PENSION"] = "disability pension",
        ["SURVIVORS_PENSION"] = "survivor's pension",
        ["DISABILITY_ALLOWANCE"] = "disability allowance",
        ["CHILD_ALLOWANCE"] = "child allowance",
        ["LARGE_FAMILY_ALLOWANCE"] = "large-family allowance",
        ["IDP_FOOD_ALLOWANCE"] = "IDP food allowance",
    };

    public static PensionsBenefitsData ToPensionsBenefits(BeneficiaryDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new PensionsBenefitsData(
            dto.Pensions.Select(ToEntitlement).ToList(),
            dto.Allowances.Select(ToEntitlement).ToList(),
            dto.Payments.Select(ToPayment).OrderBy(p => p.Month).ThenBy(p => p.Kind, StringComparer.Ordinal).ToList(),
            dto.TargetedAssistance.Select(a => new AssistanceAward(a.AwardedFrom, a.AwardedTo, a.MonthlyAmount)).ToList());
    }

    public static Entitlement ToEntitlement(EntitlementDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new Entitlement(Kind(dto.TypeCode), dto.MonthlyAmount, dto.AssignedFrom, dto.AssignedTo);
    }

    public static BenefitPayment ToPayment(PaymentDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (dto.Month is < 1 or > 12 || dto.Year is < 1900 or > 9999)
        {
            throw new FormatException($"Payment period {dto.Year}/{dto.Month} from the State Social Protection Fund is not a month.");
        }
        return new BenefitPayment(new DateOnly(dto.Year, dto.Month, 1), Kind(dto.TypeCode), dto.Amount);
    }

    private static string Kind(string code) =>
        Kinds.TryGetValue(code, out var kind)
            ? kind
            : throw new FormatException($"Unknown benefit type code '{code}' from the State Social Protection Fund.");
}
