using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Adapters.TrafficPolice;

/// <summary>The traffic police (State Road Police): vehicles owned or used, and driving licences.</summary>
public sealed class TrafficPoliceAdapter(IServiceProvider services, AgencyDescriptor<VehiclesData> agency)
    : AgencyAdapter<ITrafficPoliceApi, VehiclesData>(services, agency)
{
    public const string Key = "traffic-police";

    protected override async Task<VehiclesData?> FetchDataAsync(ITrafficPoliceApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        // Both at once: the profile's critical path is one round trip per phase.
        var vehiclesTask = NullIfNotFound(() => api.GetVehiclesAsync(fin.Value, cancellationToken));
        var licencesTask = NullIfNotFound(() => api.GetDrivingLicencesAsync(fin.Value, cancellationToken));
        await Task.WhenAll(vehiclesTask, licencesTask);
        return vehiclesTask.Result is { } vehicles && licencesTask.Result is { } licences
            ? TrafficPoliceMapper.ToVehicles(vehicles, licences)
            : null;
    }
}
