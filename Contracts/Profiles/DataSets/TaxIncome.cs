using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<IncomeKind>))]
public enum IncomeKind
{
    Wage,
    Business,
    Property,
    HouseholdPlot,
    Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<TaxRegime>))]
public enum TaxRegime
{
    None,
    Simplified,
    Vat,
    Profit,
}

/// <summary>State Tax Service: taxpayer registrations and the income seen by the tax authority, month by month.</summary>
public sealed record TaxIncomeData(IReadOnlyList<TaxpayerRegistration> Registrations, bool IsEntrepreneur, IReadOnlyList<MonthlyIncome> Income)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<TaxIncomeData> DataSet { get; } = new(
        "tax-income",
        m => m.TaxIncome,
        (m, set) => m with { TaxIncome = set });
}

public sealed record TaxpayerRegistration(Voen Voen, TaxRegime Regime, DateOnly RegisteredOn, bool Active);

/// <param name="Month">First day of the month the income belongs to.</param>
/// <param name="PayerVoen">The employer or tenant who paid, when known.</param>
public sealed record MonthlyIncome(DateOnly Month, IncomeKind Kind, decimal Gross, decimal TaxWithheld, Voen? PayerVoen);
