namespace IntegrationHub.Adapters.StatusRegistries;

/// <summary>
/// The combined status service over the defence, penitentiary, interior, migration, social-services, IDP and
/// credit-bureau registries, API v1: one call returns every registry's flags on a person.
/// </summary>
public interface IStatusRegistriesApi
{
    /// <summary>The person's flags and the registries that were consulted; 404 <c>PERSON_NOT_FOUND</c> for an unknown PIN.</summary>
    [Get("/status/v1/persons/{pin}/flags")]
    Task<StatusEnvelopeDto> GetFlagsAsync(string pin, CancellationToken cancellationToken);
}
