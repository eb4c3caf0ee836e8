namespace IntegrationHub.Adapters.EmploymentAgency;

// Wire shapes of the State Employment Agency, as it publishes them (camelCase, problem+json errors).

/// <param name="RegistrationStatus"><c>REGISTERED</c>, <c>NOT_REGISTERED</c> or <c>DEREGISTERED</c>.</param>
public sealed record JobSeekerStatusDto(
    string Pin,
    string RegistrationStatus,
    DateOnly? RegisteredOn,
    InsurancePaymentDto? UnemploymentInsurance);

public sealed record InsurancePaymentDto(decimal MonthlyAmount, DateOnly PaidFrom, DateOnly PaidUntil);

public sealed record JobOffersDto(string Pin, DateOnly DateFrom, DateOnly DateTo, IReadOnlyList<JobOfferDto> Offers);

/// <param name="Outcome"><c>REFUSED</c>, <c>ACCEPTED</c>, <c>PENDING</c> or <c>WITHDRAWN</c> (by the employer).</param>
/// <param name="Suitable">The agency judged the offer suitable for the person's qualification, health and distance from home.</param>
public sealed record JobOfferDto(string OfferId, DateOnly OfferedOn, string EmployerName, string Position, bool Suitable, string Outcome);

// Read exactly as docs/agencies/employment-agency.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(JobSeekerStatusDto))]
[JsonSerializable(typeof(JobOffersDto))]
public sealed partial class EmploymentAgencyJsonContext : JsonSerializerContext;
