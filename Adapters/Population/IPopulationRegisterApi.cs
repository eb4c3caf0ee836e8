namespace IntegrationHub.Adapters.Population;

/// <summary>Population register of the Interior Ministry (IAMAS), API v2.</summary>
public interface IPopulationRegisterApi
{
    /// <summary>The person's record; 404 <c>PERSON_NOT_FOUND</c> for an unknown PIN. The deceased keep their record.</summary>
    [Get("/api/v2/persons/{pin}")]
    Task<PersonRecordDto> GetPersonAsync(string pin, CancellationToken cancellationToken);

    /// <summary>The living people registered at the person's address, the person excluded.</summary>
    [Get("/api/v2/persons/{pin}/co-residents")]
    Task<CoResidentsDto> GetCoResidentsAsync(string pin, CancellationToken cancellationToken);
}
