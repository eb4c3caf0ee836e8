using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles;

/// <summary>What a caseworker reads first.</summary>
/// <param name="HouseholdSize">Members in the profile (the means test decides separately who counts).</param>
/// <param name="IncomeFrom">First month of the 12-month income window.</param>
/// <param name="IncomeTo">Last month of the window.</param>
/// <param name="MonthlyIncome">Average monthly income per member over the window, by source.</param>
/// <param name="TotalMonthlyIncome">
/// The household's average monthly income: the members who count (<see cref="MemberIncome.NotCounted"/> null) only, as a
/// decision totals it; computed from the unrounded window totals and rounded once to the qəpik.
/// </param>
/// <param name="IncomeComplete">False when an income source failed for some member, or the caller may not see one: the figures are then a lower bound.</param>
/// <param name="CountedMembers">Members who count as family (the others are marked in <see cref="MemberIncome.NotCounted"/>).</param>
/// <param name="MonthlyUtilities">
/// Average monthly utilities and communications charges of the household: every account once, the members' and those
/// billed at the registered address whoever holds them. Null when the caller may not see utilities, or no account was
/// found (unknown, not zero).
/// </param>
public sealed record HouseholdSummary(
    int HouseholdSize,
    DateOnly IncomeFrom,
    DateOnly IncomeTo,
    IReadOnlyList<MemberIncome> MonthlyIncome,
    decimal TotalMonthlyIncome,
    bool IncomeComplete,
    AssetFlags Assets,
    int? CountedMembers = null,
    decimal? MonthlyUtilities = null);

/// <param name="BySource">Average monthly amount per source, rounded to the qəpik for display: wages, business, property, householdPlot, otherIncome, pensions, allowances, unemploymentInsurance.</param>
/// <param name="Total">The member's average monthly income, rounded to the qəpik for display.</param>
/// <param name="WindowTotal">The member's income over the whole window, unrounded: what every average is computed from (null in profiles made before it existed).</param>
/// <param name="NotCounted">Why the member is not counted as family (<see cref="NotCountedReasons"/>); null when they count.</param>
public sealed record MemberIncome(Fin Fin, IReadOnlyDictionary<string, decimal> BySource, decimal Total, decimal? WindowTotal = null, string? NotCounted = null);

/// <summary>Each flag is null (absent) when the caller may not see the data set it is drawn from.</summary>
/// <param name="Vehicle">Someone owns or uses a vehicle that is not a state rehabilitation grant (from <c>vehicles</c>).</param>
/// <param name="SecondProperty">Someone owns two or more properties of the same purpose (from <c>real-estate</c>).</param>
/// <param name="Land">Someone holds a land share (from <c>land</c>).</param>
public sealed record AssetFlags(bool? Vehicle, bool? SecondProperty, bool? Land);
