using System.Collections.Frozen;

namespace IntegrationHub.Adapters.TrafficPolice;

/// <summary>State Road Police wire records to the canonical vehicles data set.</summary>
public static class TrafficPoliceMapper
{
    /// <summary>Licence categories of the national driving licence (those of the Vienna Convention plus tractor and trolleybus).</summary>
    private static readonly FrozenSet<string> Categories = FrozenSet.Create(StringComparer.Ordinal,
        "A", "A1", "B", "B1", "BE", "C", "C1", "CE", "C1E", "D", "D1", "DE", "D1E", "M", "Tm", "Tb");

    public static VehiclesData ToVehicles(VehicleRegistrationsDto vehicles, DrivingLicencesDto licences)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        ArgumentNullException.ThrowIfNull(licences);
        return new VehiclesData(
            vehicles.Vehicles.Select(ToVehicle).ToList(),
            licences.Licences.Select(ToLicence).ToList());
    }

    private static Vehicle ToVehicle(VehicleRegistrationDto dto) => new(
        dto.PlateNumber,
        dto.Make,
        dto.Model,
        dto.ManufactureYear,
        dto.HolderType switch
        {
            "OWNER" => VehicleHolding.Owner,
            "POWER_OF_ATTORNEY" or "LEASE" => VehicleHolding.User,
            _ => throw new FormatException($"Unknown vehicle holder type '{dto.HolderType}' from the State Road Police."),
        },
        dto.AcquisitionBasis switch
        {
            "STATE_REHABILITATION" => true,
            "PURCHASE" or "GIFT" or "INHERITANCE" => false,
            _ => throw new FormatException($"Unknown acquisition basis '{dto.AcquisitionBasis}' from the State Road Police."),
        },
        dto.RegisteredOn);

    private static DrivingLicence ToLicence(DrivingLicenceDto dto)
    {
        if (dto.Categories.FirstOrDefault(c => !Categories.Contains(c)) is { } unknown)
        {
            throw new FormatException($"Unknown driving licence category '{unknown}' from the State Road Police.");
        }
        return new DrivingLicence(string.Join(",", dto.Categories), dto.ValidUntil);
    }
}
