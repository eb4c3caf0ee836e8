using System.Globalization;

namespace IntegrationHub.Adapters.Tax;

/// <summary>State Tax Service wire records to the canonical tax and income data set.</summary>
public static class TaxServiceMapper
{
    /// <summary>The month format of the statement and of its <c>from</c>/<c>to</c> parameters.</summary>
    public const string MonthFormat = "yyyy-MM";

    /// <summary>
    /// Registrations and the income statement as one data set. The person counts as an entrepreneur when they hold
    /// an active registration under a natural person's VÖEN (a company VÖEN names a legal entity, not them).
    /// </summary>
    public static TaxIncomeData ToTaxIncome(TaxRegistrationsDto registrations, TaxIncomeStatementDto statement)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(statement);
        var registered = registrations.Registrations.Select(ToRegistration).ToList();
        var income = statement.Lines.Select(ToIncome).OrderBy(i => i.Month).ThenBy(i => i.Kind).ToList();
        var entrepreneur = registered.Any(r => r.Active && r.Voen.Taxpayer == TaxpayerKind.NaturalPerson);
        return new TaxIncomeData(registered, entrepreneur, income);
    }

    public static TaxpayerRegistration ToRegistration(TaxRegistrationDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var regime = dto.TaxRegime switch
        {
            "SIMPLIFIED" => TaxRegime.Simplified,
            "VAT" => TaxRegime.Vat,
            "PROFIT" => TaxRegime.Profit,
            "NONE" => TaxRegime.None,
            _ => throw new FormatException($"Unknown tax regime '{dto.TaxRegime}' from the State Tax Service."),
        };
        var active = dto.Status switch
        {
            "ACTIVE" => true,
            "SUSPENDED" or "DEREGISTERED" => false,
            _ => throw new FormatException($"Unknown registration status '{dto.Status}' from the State Tax Service."),
        };
        return new TaxpayerRegistration(Voen.Parse(dto.Voen), regime, dto.RegisteredOn, active);
    }

    public static MonthlyIncome ToIncome(TaxIncomeLineDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var kind = dto.IncomeType switch
        {
            "WAGE" => IncomeKind.Wage,
            "BUSINESS" => IncomeKind.Business,
            "PROPERTY" => IncomeKind.Property,
            "HOUSEHOLD_PLOT" => IncomeKind.HouseholdPlot,
            "OTHER" => IncomeKind.Other,
            _ => throw new FormatException($"Unknown income type '{dto.IncomeType}' from the State Tax Service."),
        };
        return new MonthlyIncome(Month(dto.Month), kind, dto.Gross, dto.TaxWithheld, dto.PayerVoen is null ? null : Voen.Parse(dto.PayerVoen));
    }

    /// <summary>A <c>yyyy-MM</c> month as its first day.</summary>
    public static DateOnly Month(string text) =>
        DateOnly.TryParseExact(text, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : throw new FormatException($"Income month '{text}' from the State Tax Service is not yyyy-MM.");
}
