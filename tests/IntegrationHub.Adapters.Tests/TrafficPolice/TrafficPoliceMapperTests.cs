using IntegrationHub.Adapters.TrafficPolice;

namespace IntegrationHub.Adapters.Tests.TrafficPolice;

public sealed class TrafficPoliceMapperTests
{
    private static VehicleRegistrationDto Car(string holder = "OWNER", string basis = "PURCHASE") =>
        new("10-AB-123", "Toyota", "Prius", 2015, holder, basis, new DateOnly(2022, 5, 4));

    private static VehiclesData Map(VehicleRegistrationDto[] vehicles, params DrivingLicenceDto[] licences) =>
        TrafficPoliceMapper.ToVehicles(new VehicleRegistrationsDto("5ABC12D", vehicles), new DrivingLicencesDto("5ABC12D", licences));

    [Fact]
    public void ToVehicles_OwnedCarAndLicence_MapsEveryField()
    {
        var data = Map([Car()], new DrivingLicenceDto(["B"], new DateOnly(2031, 3, 1)));

        var v = Assert.Single(data.Vehicles);
        Assert.Equal("10-AB-123", v.Plate);
        Assert.Equal("Toyota", v.Make);
        Assert.Equal("Prius", v.Model);
        Assert.Equal(2015, v.Year);
        Assert.Equal(VehicleHolding.Owner, v.Holding);
        Assert.False(v.StateRehabilitationGrant);
        Assert.Equal(new DateOnly(2022, 5, 4), v.Since);
        var l = Assert.Single(data.Licences);
        Assert.Equal("B", l.Categories);
        Assert.Equal(new DateOnly(2031, 3, 1), l.ValidUntil);
    }

    [Theory]
    [MemberData(nameof(TrafficPoliceDocumentContractTests.DocumentedHolderTypes), MemberType = typeof(TrafficPoliceDocumentContractTests))]
    public void ToVehicles_EveryHolderType_MapsToItsHolding(string holder, VehicleHolding expected)
    {
        Assert.Equal(expected, Assert.Single(Map([Car(holder: holder)]).Vehicles).Holding);
    }

    [Theory]
    [InlineData("STATE_REHABILITATION", true)]
    [InlineData("PURCHASE", false)]
    [InlineData("GIFT", false)]
    [InlineData("INHERITANCE", false)]
    public void ToVehicles_EveryAcquisitionBasis_MarksOnlyStateRehabilitation(string basis, bool grant)
    {
        Assert.Equal(grant, Assert.Single(Map([Car(basis: basis)]).Vehicles).StateRehabilitationGrant);
    }

    [Fact]
    public void ToVehicles_SeveralCategories_JoinedInWireOrder()
    {
        var l = Assert.Single(Map([], new DrivingLicenceDto(["B", "C1", "BE"], new DateOnly(2030, 1, 1))).Licences);

        Assert.Equal("B,C1,BE", l.Categories);
    }

    [Fact]
    public void ToVehicles_NothingRegistered_EmptyLists()
    {
        var data = Map([]);

        Assert.Empty(data.Vehicles);
        Assert.Empty(data.Licences);
    }

    [Fact]
    public void ToVehicles_UnknownHolderType_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map([Car(holder: "RENTAL")]));
        Assert.Contains("'RENTAL'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToVehicles_UnknownAcquisitionBasis_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map([Car(basis: "LOTTERY")]));
        Assert.Contains("'LOTTERY'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToVehicles_UnknownLicenceCategory_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map([], new DrivingLicenceDto(["B", "Z"], new DateOnly(2030, 1, 1))));
        Assert.Contains("'Z'", ex.Message, StringComparison.Ordinal);
    }
}
