using System.Globalization;
using IntegrationHub.Extracts.Pdf;

namespace IntegrationHub.Disability.Extracts;

/// <summary>What the disability extract shows, in the shared extract layout (Hub/Infrastructure/Extracts).</summary>
public static class DisabilityExtract
{
    public static byte[] Render(CaseDocument c, IssuedExtract extract, string verificationUrl, ExamRules rules) =>
        ExtractPdf.Render(Layout(c, extract, verificationUrl, rules));

    public static ExtractLayout Layout(CaseDocument c, IssuedExtract extract, string verificationUrl, ExamRules rules)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(extract);
        ArgumentNullException.ThrowIfNull(rules);
        var person = c.Person ?? throw new InvalidOperationException("A decided case has a person.");
        var result = c.Result ?? throw new InvalidOperationException("Only a decided case has an extract.");
        ExtractRow[] rows =
        [
            new("Person", person.FullName),
            new("FIN", c.Fin),
            new("Birth date", Date(person.BirthDate)),
            new("Referral (form 88)", $"{c.ReferralNumber}, {c.Clinic}, {Date(c.IssuedOn)}"),
            new("Diagnoses (ICD-10)", string.Join(", ", c.Diagnoses)),
            new("Impairment", result.Percent.ToString(CultureInfo.InvariantCulture) + " %"),
            new("Category", Categories.Label(result.Category) + (result.FormerDegree is { } d ? $" (former degree {d})" : "")),
            new("Cause", Cause(result.Cause)),
            new("Start date", Date(result.StartDate)),
            new("Valid until", result.Indefinite
                ? "indefinite (müddətsiz): " + IndefiniteReasons.Describe(result.IndefiniteReason ?? "", rules)
                : result.NextExam is { } next ? Date(next) + " (next exam)" : "not applicable (no disability)"),
            new("Issued", extract.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
        ];
        if (c.AppealOf is { } first)
        {
            rows = [.. rows, new("Decided on appeal", $"central commission (Mərkəzi TSEK), replacing the result of referral {first}")];
        }
        return new ExtractLayout(
            "Disability exam extract " + c.ReferralNumber,
            "IntegrationHub TSERAS",
            "Tibbi-sosial ekspert komissiyasının rəyindən çıxarış",
            "Extract from the decision of the medical-social expert commission (TSEK)",
            rows,
            [new ExtractSection("Recommendations", result.Recommendations ?? "none")],
            extract.Code,
            verificationUrl,
            ExtractLayout.SupersededNotice(extract));
    }

    private static string Date(DateOnly d) => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Cause(Contracts.Profiles.DataSets.DisabilityCause cause) => cause switch
    {
        Contracts.Profiles.DataSets.DisabilityCause.GeneralIllness => "general illness",
        Contracts.Profiles.DataSets.DisabilityCause.WorkInjury => "work injury",
        Contracts.Profiles.DataSets.DisabilityCause.OccupationalDisease => "occupational disease",
        Contracts.Profiles.DataSets.DisabilityCause.Chernobyl => "Chernobyl disaster",
        Contracts.Profiles.DataSets.DisabilityCause.MilitaryService => "military service",
        Contracts.Profiles.DataSets.DisabilityCause.FromChildhood => "from childhood",
        _ => "other",
    };
}
