using System.Text.Encodings.Web;

namespace IntegrationHub.Mocks.Agencies.HealthRegistries;

/// <summary>
/// E-health registries of the Ministry of Health and TƏBİB, API v1 (camelCase).
/// <list type="bullet">
/// <item><c>GET /ehealth/api/v1/patients/{fin}/referrals/form-088</c>: referrals to the medical-social expert commission.</item>
/// <item><c>GET /ehealth/api/v1/patients/{fin}/registries</c>: disease-registry entries.</item>
/// <item><c>GET /ehealth/api/v1/patients/{fin}/sick-leave?from&amp;to</c>: sick-leave certificates overlapping the days.</item>
/// </list>
/// Errors are FHIR-style: <c>{ "resourceType": "OperationOutcome", "issue": [{ "severity", "code", "diagnostics" }] }</c>;
/// an unknown FIN is 404 with issue code <c>not-found</c>, a missing or reversed period 400 <c>invalid</c>.
/// </summary>
/// <remarks>
/// Registry entries are the person's <see cref="Person.DiseaseRegistries"/> plus those their referral diagnoses imply
/// (end-stage renal disease: haemodialysis; a malignant neoplasm: oncology; tuberculosis), enrolled on the referral's
/// day: the registries are kept by the same clinics that write the referrals.
/// </remarks>
public sealed class HealthRegistriesMock(SyntheticPopulation population) : MockAgency(population, "health", "Health registries (Ministry of Health, TƏBİB)")
{
    // Azerbaijani letters go out as raw UTF-8, as the registries send them, not as \u escapes.
    protected override JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { resourceType = "OperationOutcome", issue = new[] { new { severity = "error", code, diagnostics = message } } }, status);

    protected override void Map()
    {
        Get("^/ehealth/api/v1/patients/(?<fin>[^/]+)/referrals/form-088$", (m, _) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return PatientNotFound();
            return Json(new
            {
                patientFin = p.Fin,
                referrals = p.Referrals.Select(r => new
                {
                    referralNo = r.Number,
                    form = "088/u",
                    issuedOn = r.IssuedOn,
                    issuingFacility = r.Clinic,
                    diagnoses = r.Icd10.Select((code, i) => new { icd10 = code, primary = i == 0 }),
                }),
            });
        });

        Get("^/ehealth/api/v1/patients/(?<fin>[^/]+)/registries$", (m, _) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return PatientNotFound();
            return Json(new
            {
                patientFin = p.Fin,
                entries = Entries(p).Select(e => new { registry = e.Registry, enrolledOn = e.Since, icd10 = e.Icd }),
            });
        });

        Get("^/ehealth/api/v1/patients/(?<fin>[^/]+)/sick-leave$", (m, request) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return PatientNotFound();
            if (QueryDate(request, "from") is not { } from || QueryDate(request, "to") is not { } to || to < from)
            {
                return Error(400, "invalid", "from and to (yyyy-MM-dd, from <= to) are required.");
            }
            return Json(new
            {
                patientFin = p.Fin,
                certificates = p.SickLeave
                    .Where(s => s.From <= to && s.To >= from)
                    .OrderBy(s => s.From)
                    .Select(s => new { openedOn = s.From, closedOn = s.To, icd10 = s.Icd }),
            });
        });
    }

    private static IEnumerable<(string Registry, DateOnly Since, string Icd)> Entries(Person p)
    {
        var entries = p.DiseaseRegistries.Select(r => (Registry: RegistryCode(r.Registry), r.Since, r.Icd)).ToList();
        foreach (var referral in p.Referrals.OrderBy(r => r.IssuedOn))
        {
            foreach (var icd in referral.Icd10)
            {
                if (ImpliedRegistry(icd) is { } registry && entries.TrueForAll(e => e.Registry != registry))
                {
                    entries.Add((registry, referral.IssuedOn, icd));
                }
            }
        }
        return entries.OrderBy(e => e.Since);
    }

    private static string RegistryCode(string registry) => registry.ToUpperInvariant() switch
    {
        "DIALYSIS" or "HEMODIALYSIS" => "HEMODIALYSIS",
        "TB" or "TUBERCULOSIS" => "TUBERCULOSIS",
        "ONCOLOGY" => "ONCOLOGY",
        "OCCUPATIONAL" or "OCCUPATIONAL_DISEASE" => "OCCUPATIONAL_DISEASE",
        var other => other,
    };

    private static string? ImpliedRegistry(string icd) => icd switch
    {
        _ when icd.StartsWith("N18.5", StringComparison.Ordinal) || icd.StartsWith("N18.6", StringComparison.Ordinal) => "HEMODIALYSIS",
        _ when icd.StartsWith('C') => "ONCOLOGY",
        _ when icd.Length >= 3 && icd[0] == 'A' && icd[1] == '1' && icd[2] is >= '5' and <= '9' => "TUBERCULOSIS",
        _ => null,
    };

    private IResponseMessage PatientNotFound() => Error(404, "not-found", "No patient with this FIN.");
}
