namespace IntegrationHub.Adapters.TrafficPolice;

/// <summary>The traffic police (State Road Police): vehicles owned or used, and driving licences.</summary>
public sealed class TrafficPoliceAdapter(IServiceProvider services, AgencyDescriptor<VehiclesData> agency)
    : AgencyAdapter<ITrafficPoliceApi, VehiclesData>(services, agency)
{
    public const string Key = "traffic-police";

    protected override async Task<VehiclesData?> FetchDataAsync(ITrafficPoliceApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        return await BothOrNull(
                () => api.GetVehiclesAsync(fin.Value, cancellationToken),
                () => api.GetDrivingLicencesAsync(fin.Value, cancellationToken)) is (var vehicles, var licences)
            ? TrafficPoliceMapper.ToVehicles(vehicles, licences)
            : null;
    }
}
