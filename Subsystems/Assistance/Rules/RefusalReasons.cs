namespace IntegrationHub.Assistance.Rules;

/// <summary>The seven automatic refusal reasons (docs/domain.md), as stable codes in the order the rules number them.</summary>
public static class RefusalReasons
{
    /// <summary>1. The declaration does not match agency data (members, incomes).</summary>
    public const string DeclarationMismatch = "declaration-mismatch";

    /// <summary>2. Income at or above criterion × members.</summary>
    public const string IncomeAboveThreshold = "income-above-threshold";

    /// <summary>3. Purchases/sales of the last 12 months above 12 × living minimum.</summary>
    public const string LargeTransactions = "large-transactions";

    /// <summary>4. The family owns or uses a vehicle (state rehabilitation vehicles excepted).</summary>
    public const string Vehicle = "vehicle";

    /// <summary>5. An able-bodied, non-working member refused 2 suitable job offers.</summary>
    public const string RefusedJobOffers = "refused-job-offers";

    /// <summary>6. Utilities + communications per person at or above 15 % of the living minimum.</summary>
    public const string HighUtilities = "high-utilities";

    /// <summary>7. Two or more properties of the same purpose at different addresses.</summary>
    public const string MultipleProperties = "multiple-properties";

    public static readonly IReadOnlyList<string> All =
        [DeclarationMismatch, IncomeAboveThreshold, LargeTransactions, Vehicle, RefusedJobOffers, HighUtilities, MultipleProperties];

    /// <summary>The reason's number in the rules (1-7).</summary>
    public static int Number(string code) => All.ToList().IndexOf(code) + 1;
}
