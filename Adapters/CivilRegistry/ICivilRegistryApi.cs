namespace IntegrationHub.Adapters.CivilRegistry;

/// <summary>Civil registry of the Justice Ministry (acts of civil status), API v1.</summary>
public interface ICivilRegistryApi
{
    /// <summary>
    /// Every act naming the citizen (birth, marriage, divorce, adoption, death), oldest first, with all its parties;
    /// 404 <c>CITIZEN_NOT_FOUND</c> for an unknown FIN. The registry states acts, not ties: who is what to the
    /// citizen is derived by the hub.
    /// </summary>
    [Get("/civil/v1/citizens/{fin}/acts")]
    Task<CitizenActsDto> GetActsAsync(string fin, CancellationToken cancellationToken);
}
