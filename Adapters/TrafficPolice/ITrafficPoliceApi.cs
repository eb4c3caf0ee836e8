namespace IntegrationHub.Adapters.TrafficPolice;

/// <summary>State Road Police (DYP) of the Interior Ministry: vehicle registration and driver licensing, API v1.</summary>
public interface ITrafficPoliceApi
{
    /// <summary>Vehicles registered to the person as owner or as user under a power of attorney or lease; 404 <c>PERSON_NOT_FOUND</c> for an unknown PIN.</summary>
    [Get("/dyp/api/v1/persons/{pin}/vehicles")]
    Task<VehicleRegistrationsDto> GetVehiclesAsync(string pin, CancellationToken cancellationToken);

    /// <summary>The person's driving licences, expired ones included.</summary>
    [Get("/dyp/api/v1/persons/{pin}/driving-licences")]
    Task<DrivingLicencesDto> GetDrivingLicencesAsync(string pin, CancellationToken cancellationToken);
}
