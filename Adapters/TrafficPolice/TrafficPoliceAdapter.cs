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
        // Both at once: the profile's critical path is one round trip per phase.
        var vehiclesTask = NullIfNotFound(() => api.GetVehiclesAsync(fin.Value, cancellationToken));
        var licencesTask = NullIfNotFound(() => api.GetDrivingLicencesAsync(fin.Value, cancellationToken));
        await Task.WhenAll(vehiclesTask, licencesTask);
        return vehiclesTask.Result is { } vehicles && licencesTask.Result is { } licences
            ? TrafficPoliceMapper.ToVehicles(vehicles, licences)
            : null;
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
