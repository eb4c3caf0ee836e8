using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Assistance.Rules;

[JsonConverter(typeof(JsonStringEnumConverter<MeansTestOutcome>))]
public enum MeansTestOutcome
{
    Approved,
    Refused,
    /// <summary>Agency data the rules need is missing: never a refusal; the case waits and asks again.</summary>
    NeedsData,
    /// <summary>The data is there but the rules leave the question to a person (a spouse registered at another address): the case goes to a caseworker.</summary>
    Referred,
}

/// <summary>A member the rules count, with the average monthly income the agencies report (plus anything imputed).</summary>
public sealed record CountedMember(Fin Fin, RelationToApplicant Relation, decimal MonthlyIncome, decimal Imputed);

/// <summary>Someone the rules do not count as family, and why (conscript, prisoner, wanted, abroad, foreigner, state-care, deceased).</summary>
/// <param name="MonthlyIncome">The average monthly income the agencies report for them, left out of the family's income; null when it was not asked (they were not declared).</param>
/// <param name="Declared">False for people the registries tie to the household whom the declaration left out.</param>
public sealed record NotCountedMember(Fin Fin, RelationToApplicant Relation, string Reason, decimal? MonthlyIncome = null, bool Declared = true);

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
/// <remarks>Incomes and figures are unrounded, as compared; the amount is rounded once (docs/domain.md) and texts round what they show.</remarks>
/// <param name="Referrals">What the rules leave to a caseworker (outcome <see cref="MeansTestOutcome.Referred"/>).</param>
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
    IReadOnlyList<string> MissingData,
    IReadOnlyList<string>? Referrals = null);
