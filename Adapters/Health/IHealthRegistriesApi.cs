namespace IntegrationHub.Adapters.Health;

/// <summary>E-health registries of the Ministry of Health and TƏBİB, API v1 (camelCase, FHIR-style OperationOutcome errors).</summary>
public interface IHealthRegistriesApi
{
    /// <summary>Referrals to the medical-social expert commission (form 088/u); 404 for an unknown FIN.</summary>
    [Get("/ehealth/api/v1/patients/{fin}/referrals/form-088")]
    Task<ReferralsDto> GetReferralsAsync(string fin, CancellationToken cancellationToken);

    /// <summary>The patient's entries in the disease registries (haemodialysis, tuberculosis, oncology, occupational disease).</summary>
    [Get("/ehealth/api/v1/patients/{fin}/registries")]
    Task<RegistryEntriesDto> GetRegistriesAsync(string fin, CancellationToken cancellationToken);

    /// <summary>Sick-leave certificates that overlap the days <paramref name="from"/> to <paramref name="to"/>.</summary>
    [Get("/ehealth/api/v1/patients/{fin}/sick-leave")]
    Task<SickLeaveCertificatesDto> GetSickLeaveAsync(
        string fin,
        [Query(Format = "yyyy-MM-dd")] DateOnly from,
        [Query(Format = "yyyy-MM-dd")] DateOnly to,
        CancellationToken cancellationToken);
}
