namespace IntegrationHub.Adapters.Health;

// Wire shapes of the e-health registries, as they publish them (camelCase).

public sealed record ReferralsDto(string PatientFin, IReadOnlyList<ReferralDto> Referrals);

/// <param name="Form">The paper form the referral replaces; <c>088/u</c> on this endpoint.</param>
/// <param name="Diagnoses">In the order the clinic listed them, the main diagnosis first.</param>
public sealed record ReferralDto(string ReferralNo, string Form, DateOnly IssuedOn, string IssuingFacility, IReadOnlyList<DiagnosisDto> Diagnoses);

public sealed record DiagnosisDto(string Icd10, bool Primary);

public sealed record RegistryEntriesDto(string PatientFin, IReadOnlyList<RegistryEntryDto> Entries);

/// <param name="Registry">HEMODIALYSIS, TUBERCULOSIS, ONCOLOGY or OCCUPATIONAL_DISEASE.</param>
public sealed record RegistryEntryDto(string Registry, DateOnly EnrolledOn, string? Icd10 = null);

public sealed record SickLeaveCertificatesDto(string PatientFin, IReadOnlyList<SickLeaveCertificateDto> Certificates);

/// <param name="Icd10">Absent when the patient asked for the diagnosis to be withheld from the certificate.</param>
public sealed record SickLeaveCertificateDto(DateOnly OpenedOn, DateOnly ClosedOn, string? Icd10 = null);

// Read exactly as docs/agencies/health.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ReferralsDto))]
[JsonSerializable(typeof(RegistryEntriesDto))]
[JsonSerializable(typeof(SickLeaveCertificatesDto))]
public sealed partial class HealthRegistriesJsonContext : JsonSerializerContext;
