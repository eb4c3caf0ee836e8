using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Assistance.Rules;

[JsonConverter(typeof(JsonStringEnumConverter<MeansTestOutcome>))]
public enum MeansTestOutcome
{
    Approved,
    Refused,
    /// <summary>Agency data the rules need is missing: never a refusal; the case waits and asks again.</summary>
    NeedsData,
}

/// <summary>A member the rules count, with the average monthly income the agencies report (plus anything imputed).</summary>
public sealed record CountedMember(Fin Fin, RelationToApplicant Relation, decimal MonthlyIncome, decimal Imputed);

/// <summary>A member of the profile the rules do not count, and why (conscript, prisoner, wanted, abroad, foreigner, state-care, deceased).</summary>
public sealed record NotCountedMember(Fin Fin, RelationToApplicant Relation, string Reason);

/// <summary>One refusal reason with the figures behind it.</summary>
/// <param name="Code">From <see cref="RefusalReasons"/>.</param>
/// <param name="Figure">What the family has (income, sum of sales, cost per person, vehicles, offers refused, addresses).</param>
/// <param name="Limit">What the rules allow.</param>
/// <param name="Details">Codes naming what was found, e.g. <c>undeclared-member</c>, <c>income-mismatch</c>, <c>Residential</c>.</param>
public sealed record RefusalReason(string Code, decimal Figure, decimal Limit, IReadOnlyList<string> Details)
{
    public int Number => RefusalReasons.Number(Code);
}

/// <summary>What the means test found: the outcome and everything needed to explain it.</summary>
public sealed record MeansTestResult(
    MeansTestOutcome Outcome,
    string RuleVersion,
    DateOnly ApplicationDate,
    decimal Criterion,
    decimal LivingMinimum,
    IReadOnlyList<CountedMember> Counted,
    IReadOnlyList<NotCountedMember> NotCounted,
    decimal TotalMonthlyIncome,
    decimal Threshold,
    decimal? MonthlyAmount,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    IReadOnlyList<RefusalReason> Reasons,
    IReadOnlyList<string> MissingData);
