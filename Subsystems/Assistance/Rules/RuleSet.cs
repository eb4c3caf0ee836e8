namespace IntegrationHub.Assistance.Rules;

/// <summary>
/// One version of the means-test rules (configuration section <c>Assistance:Rules</c>). A decision stores the
/// version it was made under, and the store keeps every version ever used, so a decision replays under the
/// rules it was made with even after the configuration moves on. Change any figure, change <see cref="Version"/>.
/// </summary>
public sealed class RuleSet
{
    /// <summary>Names this set of figures; decisions carry it.</summary>
    public string Version { get; set; } = "vemtas-2026.1";

    /// <summary>Need criterion, AZN per person per month, by year (docs/domain.md).</summary>
    public Dictionary<int, decimal> NeedCriterion { get; set; } = new()
    {
        [2016] = 105m, [2017] = 116m, [2018] = 130m, [2019] = 143m, [2020] = 160m, [2021] = 170m,
        [2022] = 200m, [2023] = 246m, [2024] = 270m, [2025] = 285m, [2026] = 300m,
    };

    /// <summary>
    /// Living minimum, AZN per month, by year; used by refusal reasons 3 and 6. Since 2023 the criterion equals
    /// it (docs/domain.md). Years missing here fall back to the criterion: uncertain for 2016-2022, set from the law.
    /// </summary>
    public Dictionary<int, decimal> LivingMinimum { get; set; } = [];

    /// <summary>Reason 3: purchases and sales of the last 12 months summed above this many living minimums.</summary>
    public decimal TransactionsLivingMinimums { get; set; } = 12m;

    /// <summary>Reason 5: this many suitable offers refused ...</summary>
    public int RefusedOffersLimit { get; set; } = 2;

    /// <summary>... within this many months before the application (uncertain: no public source gives the window; docs/domain.md).</summary>
    public int RefusedOffersWindowMonths { get; set; } = 12;

    /// <summary>Age from which a member is not expected to work (old-age pension age; uncertain, 65 since 2021).</summary>
    public int PensionAge { get; set; } = 65;

    /// <summary>Reason 6: utilities + communications per person per month at or above this share of the living minimum.</summary>
    public decimal UtilitiesShareOfLivingMinimum { get; set; } = 0.15m;

    /// <summary>Reason 1: a member's declared monthly income differs from the agencies' by more than this (AZN) ...</summary>
    public decimal IncomeToleranceAbsolute { get; set; } = 20m;

    /// <summary>... and by more than this share of the agencies' figure.</summary>
    public decimal IncomeToleranceShare { get; set; } = 0.10m;

    /// <summary>
    /// Uncertain (docs/domain.md): monthly income imputed per hectare of land share, added to the holder's income.
    /// 0 counts only the household-plot income the tax service reports.
    /// </summary>
    public decimal LandIncomePerHectare { get; set; }

    /// <summary>
    /// Uncertain (docs/domain.md): monthly income imputed to an idle able-bodied member (18 to pension age, not
    /// working, not studying full time, not disabled, not a job seeker). 0 imputes nothing.
    /// </summary>
    public decimal IdleAbleBodiedImputedIncome { get; set; }

    /// <summary>Months the assistance is assigned for, from the first day of the application month.</summary>
    public int AssignedMonths { get; set; } = 12;

    public decimal CriterionFor(int year) =>
        NeedCriterion.TryGetValue(year, out var value)
            ? value
            : throw new InvalidOperationException($"Rules {Version} have no need criterion for {year}.");

    public decimal LivingMinimumFor(int year) => LivingMinimum.TryGetValue(year, out var value) ? value : CriterionFor(year);

    /// <summary>Start-up check: every figure a decision might need is present and sane.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Version)) yield return "Assistance:Rules:Version is required.";
        if (NeedCriterion.Count == 0) yield return "Assistance:Rules:NeedCriterion has no year.";
        foreach (var (year, value) in NeedCriterion.Where(kv => kv.Value <= 0)) yield return $"Need criterion for {year} must be positive; got {value}.";
        if (UtilitiesShareOfLivingMinimum is <= 0 or >= 1) yield return "UtilitiesShareOfLivingMinimum must be between 0 and 1.";
        if (RefusedOffersLimit < 1) yield return "RefusedOffersLimit must be at least 1.";
        if (AssignedMonths < 1) yield return "AssignedMonths must be at least 1.";
        if (IncomeToleranceAbsolute < 0 || IncomeToleranceShare < 0) yield return "Income tolerances cannot be negative.";
    }
}
