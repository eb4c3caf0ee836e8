namespace IntegrationHub.Adapters.TrafficPolice;

// Wire shapes of the State Road Police, as it publishes them (PascalCase).

public sealed record VehicleRegistrationsDto(string Pin, IReadOnlyList<VehicleRegistrationDto> Vehicles);

/// <param name="HolderType"><c>OWNER</c>, <c>POWER_OF_ATTORNEY</c> or <c>LEASE</c>.</param>
/// <param name="AcquisitionBasis"><c>PURCHASE</c>, <c>GIFT</c>, <c>INHERITANCE</c> or <c>STATE_REHABILITATION</c> (given by the state as a rehabilitation aid).</param>
public sealed record VehicleRegistrationDto(
    string PlateNumber,
    string Make,
    string Model,
    int ManufactureYear,
    string HolderType,
    string AcquisitionBasis,
    DateOnly RegisteredOn);

public sealed record DrivingLicencesDto(string Pin, IReadOnlyList<DrivingLicenceDto> Licences);

/// <param name="Categories">Category codes, e.g. <c>["B", "C1"]</c>.</param>
public sealed record DrivingLicenceDto(IReadOnlyList<string> Categories, DateOnly ValidUntil);

// Read exactly as docs/agencies/traffic-police.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(VehicleRegistrationsDto))]
[JsonSerializable(typeof(DrivingLicencesDto))]
public sealed partial class TrafficPoliceJsonContext : JsonSerializerContext;
