namespace IntegrationHub.Contracts.Profiles.DataSets;

/// <summary>State Social Protection Fund: pensions, allowances, payments made and past targeted assistance.</summary>
public sealed record PensionsBenefitsData(
    IReadOnlyList<Entitlement> Pensions,
    IReadOnlyList<Entitlement> Allowances,
    IReadOnlyList<BenefitPayment> Payments,
    IReadOnlyList<AssistanceAward> PastAssistance)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<PensionsBenefitsData> DataSet { get; } = new(
        "pensions-benefits",
        m => m.PensionsBenefits,
        (m, set) => m with { PensionsBenefits = set });
}

/// <param name="Kind">e.g. "old-age pension", "disability allowance", "child allowance".</param>
public sealed record Entitlement(string Kind, decimal MonthlyAmount, DateOnly Since, DateOnly? Until);

public sealed record BenefitPayment(DateOnly Month, string Kind, decimal Amount);

public sealed record AssistanceAward(DateOnly From, DateOnly To, decimal MonthlyAmount);
