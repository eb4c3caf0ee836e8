using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.TrafficPolice;

/// <summary>The traffic police (State Road Police): vehicles owned or used, and driving licences.</summary>
public sealed class TrafficPoliceAdapter(IServiceProvider services)
    : AgencyAdapter<ITrafficPoliceApi, VehiclesData>(services)
{
    public const string Key = "traffic-police";

    public override AgencyDescriptor Agency { get; } = new(Key, "Traffic police (State Road Police)", "vehicles");

    protected override async Task<VehiclesData?> FetchDataAsync(ITrafficPoliceApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        if (await NullIfNotFound(() => api.GetVehiclesAsync(fin.Value, cancellationToken)) is not { } vehicles)
        {
            return null;
        }
        // One after the other, not in parallel: the agency's concurrency quota is per hub, not per person.
        var licences = await api.GetDrivingLicencesAsync(fin.Value, cancellationToken);
        return TrafficPoliceMapper.ToVehicles(vehicles, licences);
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<VehiclesData> set) => member with { Vehicles = set };
}

public static class TrafficPoliceRegistration
{
    public static IServiceCollection AddTrafficPoliceAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<ITrafficPoliceApi, TrafficPoliceAdapter>(configuration, TrafficPoliceAdapter.Key, TrafficPoliceJsonContext.Default);
        return services;
    }
}
