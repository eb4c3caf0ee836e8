namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<DiseaseRegistry>))]
public enum DiseaseRegistry
{
    Dialysis,
    Tuberculosis,
    Oncology,
    Occupational,
}

/// <summary>Health registries: referrals (form 88), disease registries and sick leave.</summary>
public sealed record HealthData(IReadOnlyList<Referral> Referrals, IReadOnlyList<RegistryEntry> Registries, IReadOnlyList<SickLeave> SickLeave)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<HealthData> DataSet { get; } = new(
        "health",
        m => m.Health,
        (m, set) => m with { Health = set });
}

/// <param name="DiagnosisCodes">ICD-10 codes.</param>
public sealed record Referral(string ReferralNumber, string Form, DateOnly IssuedOn, string Clinic, IReadOnlyList<string> DiagnosisCodes);

public sealed record RegistryEntry(DiseaseRegistry Registry, DateOnly Since, string? DiagnosisCode);

public sealed record SickLeave(DateOnly From, DateOnly To, string? DiagnosisCode);
