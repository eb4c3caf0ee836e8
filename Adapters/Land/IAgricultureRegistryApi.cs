namespace IntegrationHub.Adapters.Land;

/// <summary>Electronic agriculture information system (EKTİS) of the Ministry of Agriculture, API v2 (camelCase, <c>{ success, data }</c> envelope).</summary>
public interface IAgricultureRegistryApi
{
    /// <summary>The person's farm holding: land plots and declared livestock; 404 <c>FARMER_NOT_FOUND</c> for an unknown FIN.</summary>
    [Get("/ektis/api/v2/farmers/{fin}/holding")]
    Task<FarmHoldingEnvelopeDto> GetHoldingAsync(string fin, CancellationToken cancellationToken);

    /// <summary>Subsidies paid to the person for the crop years <paramref name="yearFrom"/> to <paramref name="yearTo"/>, inclusive.</summary>
    [Get("/ektis/api/v2/farmers/{fin}/subsidies")]
    Task<SubsidiesEnvelopeDto> GetSubsidiesAsync(string fin, int yearFrom, int yearTo, CancellationToken cancellationToken);
}
