namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<VehicleHolding>))]
public enum VehicleHolding
{
    Owner,
    /// <summary>Uses the vehicle under a power of attorney or lease.</summary>
    User,
}

/// <summary>Traffic police: vehicles the person owns or uses, and driving licences.</summary>
public sealed record VehiclesData(IReadOnlyList<Vehicle> Vehicles, IReadOnlyList<DrivingLicence> Licences)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<VehiclesData> DataSet { get; } = new(
        "vehicles",
        m => m.Vehicles,
        (m, set) => m with { Vehicles = set });
}

/// <param name="StateRehabilitationGrant">Given by the state as a rehabilitation aid (does not count as an asset in a means test).</param>
public sealed record Vehicle(string Plate, string Make, string Model, int Year, VehicleHolding Holding, bool StateRehabilitationGrant, DateOnly Since);

public sealed record DrivingLicence(string Categories, DateOnly ValidUntil);
