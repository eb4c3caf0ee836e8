namespace IntegrationHub.Adapters.DisabilityRegistry;

/// <summary>Disability registry (TSERAS) of the medical-social expert commissions, API v1.</summary>
public interface IDisabilityRegistryApi
{
    /// <summary>Every assessment decision on the person, expired ones included; 404 <c>PIN_NOT_FOUND</c> for an unknown PIN.</summary>
    [Get("/tseras/api/v1/persons/{pin}/assessments")]
    Task<AssessmentsDto> GetAssessmentsAsync(string pin, CancellationToken cancellationToken);
}
