namespace IntegrationHub.Adapters.Tax;

// Wire shapes of the State Tax Service, as it publishes them (snake_case).

public sealed record TaxRegistrationsDto(string Fin, IReadOnlyList<TaxRegistrationDto> Registrations);

/// <param name="TaxRegime">SIMPLIFIED, VAT, PROFIT or NONE.</param>
/// <param name="Status">ACTIVE, SUSPENDED or DEREGISTERED.</param>
public sealed record TaxRegistrationDto(string Voen, string TaxRegime, DateOnly RegisteredOn, string Status);

/// <param name="From">First month of the statement, <c>yyyy-MM</c>.</param>
/// <param name="To">Last month of the statement, <c>yyyy-MM</c>.</param>
public sealed record TaxIncomeStatementDto(string Fin, string From, string To, IReadOnlyList<TaxIncomeLineDto> Lines);

/// <param name="Month">The month the income belongs to, <c>yyyy-MM</c>.</param>
/// <param name="IncomeType">WAGE, BUSINESS, PROPERTY, HOUSEHOLD_PLOT or OTHER.</param>
/// <param name="PayerVoen">The tax agent who paid (employer, tenant); null for self-declared income.</param>
public sealed record TaxIncomeLineDto(string Month, string IncomeType, decimal Gross, decimal TaxWithheld, string? PayerVoen = null);

// Read exactly as docs/agencies/tax.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TaxRegistrationsDto))]
[JsonSerializable(typeof(TaxIncomeStatementDto))]
public sealed partial class TaxServiceJsonContext : JsonSerializerContext;
