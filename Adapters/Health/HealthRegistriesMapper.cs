using System.Text.RegularExpressions;

namespace IntegrationHub.Adapters.Health;

/// <summary>E-health wire records to the canonical health data set.</summary>
public static partial class HealthRegistriesMapper
{
    /// <summary>Maps the three answers; any of them about a patient other than <paramref name="patient"/> is rejected.</summary>
    public static HealthData ToHealth(Fin patient, ReferralsDto referrals, RegistryEntriesDto registries, SickLeaveCertificatesDto sickLeave)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(referrals);
        ArgumentNullException.ThrowIfNull(registries);
        ArgumentNullException.ThrowIfNull(sickLeave);
        EnsurePatient(referrals.PatientFin, patient, "referrals");
        EnsurePatient(registries.PatientFin, patient, "registry entries");
        EnsurePatient(sickLeave.PatientFin, patient, "sick leave");
        return new HealthData(
            referrals.Referrals.Select(ToReferral).OrderBy(r => r.IssuedOn).ToList(),
            registries.Entries.Select(ToRegistryEntry).OrderBy(r => r.Since).ToList(),
            sickLeave.Certificates.Select(ToSickLeave).OrderBy(s => s.From).ToList());
    }

    public static Referral ToReferral(ReferralDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (dto.Form != "088/u")
        {
            throw new FormatException($"Unknown referral form '{dto.Form}' from the health registries; only 088/u is expected here.");
        }
        return new Referral(dto.ReferralNo, "88", dto.IssuedOn, dto.IssuingFacility, dto.Diagnoses.Select(d => Icd10(d.Icd10)).ToList());
    }

    public static RegistryEntry ToRegistryEntry(RegistryEntryDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var registry = dto.Registry switch
        {
            "HEMODIALYSIS" => DiseaseRegistry.Dialysis,
            "TUBERCULOSIS" => DiseaseRegistry.Tuberculosis,
            "ONCOLOGY" => DiseaseRegistry.Oncology,
            "OCCUPATIONAL_DISEASE" => DiseaseRegistry.Occupational,
            _ => throw new FormatException($"Unknown disease registry '{dto.Registry}' from the health registries."),
        };
        return new RegistryEntry(registry, dto.EnrolledOn, dto.Icd10 is null ? null : Icd10(dto.Icd10));
    }

    public static SickLeave ToSickLeave(SickLeaveCertificateDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (dto.ClosedOn < dto.OpenedOn)
        {
            throw new FormatException($"Sick-leave certificate closes ({dto.ClosedOn:yyyy-MM-dd}) before it opens ({dto.OpenedOn:yyyy-MM-dd}).");
        }
        return new SickLeave(dto.OpenedOn, dto.ClosedOn, dto.Icd10 is null ? null : Icd10(dto.Icd10));
    }

    /// <summary>
    /// An ICD-10 code as the registries write it: a letter, two digits, and optionally a dot with one or two
    /// more characters (<c>G35</c>, <c>J06.9</c>, <c>E10.7</c>). Anything else is rejected, not passed on: a
    /// garbled diagnosis in a disability assessment is worse than a missing one.
    /// </summary>
    public static string Icd10(string? code) =>
        code is not null && Icd10Pattern().IsMatch(code)
            ? code
            : throw new FormatException($"Diagnosis code '{code}' from the health registries is not an ICD-10 code.");

    private static void EnsurePatient(string wireFin, Fin patient, string what)
    {
        if (Fin.Parse(wireFin) != patient)
        {
            throw new FormatException($"The health registries answered with the {what} of a different patient.");
        }
    }

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Icd10Pattern();
}
