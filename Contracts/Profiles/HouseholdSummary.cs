using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles;

/// <summary>What a caseworker reads first.</summary>
/// <param name="HouseholdSize">Members in the profile (the means test decides separately who counts).</param>
/// <param name="IncomeFrom">First month of the 12-month income window.</param>
/// <param name="IncomeTo">Last month of the window.</param>
/// <param name="MonthlyIncome">Average monthly income per member over the window, by source.</param>
/// <param name="TotalMonthlyIncome">Sum over members of their average monthly income.</param>
/// <param name="IncomeComplete">False when an income source failed for some member, or the caller may not see one: the figures are then a lower bound.</param>
public sealed record HouseholdSummary(
    int HouseholdSize,
    DateOnly IncomeFrom,
    DateOnly IncomeTo,
    IReadOnlyList<MemberIncome> MonthlyIncome,
    decimal TotalMonthlyIncome,
    bool IncomeComplete,
    AssetFlags Assets);

/// <param name="BySource">Average monthly amount per source: wages, business, property, householdPlot, otherIncome, pensions, allowances, unemploymentInsurance.</param>
public sealed record MemberIncome(Fin Fin, IReadOnlyDictionary<string, decimal> BySource, decimal Total);

/// <summary>Each flag is null (absent) when the caller may not see the data set it is drawn from.</summary>
/// <param name="Vehicle">Someone owns or uses a vehicle that is not a state rehabilitation grant (from <c>vehicles</c>).</param>
/// <param name="SecondProperty">Someone owns two or more properties of the same purpose (from <c>real-estate</c>).</param>
/// <param name="Land">Someone holds a land share (from <c>land</c>).</param>
public sealed record AssetFlags(bool? Vehicle, bool? SecondProperty, bool? Land);
