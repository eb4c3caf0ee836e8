using IntegrationHub.Adapters.Population;

namespace IntegrationHub.Adapters.Tests.Population;

public sealed class PopulationRegisterMapperTests
{
    private static PersonRecordDto Record(string gender = "F", bool dead = false) => new(
        "5ABC12D", "Məmmədova", "Aysel", "Elçin qızı", new DateOnly(1990, 4, 12), gender, "AZE",
        new PersonDocumentDto("ID_CARD", "AA1234567", new DateOnly(2019, 1, 10), new DateOnly(2029, 1, 10)),
        new RegistrationDto("AD00000042", "Bakı", "Bakı, Nəsimi r.", "Füzuli küç.", "12", "5"),
        dead, dead ? new DateOnly(2026, 1, 3) : null);

    [Fact]
    public void ToIdentity_FullRecord_MapsEveryField()
    {
        var identity = PopulationRegisterMapper.ToIdentity(Record());

        Assert.Equal("5ABC12D", identity.Fin.Value);
        Assert.Equal("Aysel", identity.GivenName);
        Assert.Equal("Məmmədova", identity.Surname);
        Assert.Equal("Elçin qızı", identity.Patronymic);
        Assert.Equal(new DateOnly(1990, 4, 12), identity.BirthDate);
        Assert.Equal(Sex.Female, identity.Sex);
        Assert.Equal("AA1234567", identity.Document!.Number);
        Assert.Equal("AD00000042", identity.Address!.AddressId);
        Assert.Equal("5", identity.Address.Apartment);
        Assert.False(identity.Deceased);
        Assert.Null(identity.DateOfDeath);
    }

    [Fact]
    public void ToIdentity_DeceasedPerson_CarriesDeathDate()
    {
        var identity = PopulationRegisterMapper.ToIdentity(Record(gender: "M", dead: true));

        Assert.Equal(Sex.Male, identity.Sex);
        Assert.True(identity.Deceased);
        Assert.Equal(new DateOnly(2026, 1, 3), identity.DateOfDeath);
    }

    [Fact]
    public void ToIdentity_UnknownGenderCode_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => PopulationRegisterMapper.ToIdentity(Record(gender: "X")));
        Assert.Contains("'X'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCoResidents_SkipsPinsThatAreNotFins()
    {
        var dto = new CoResidentsDto("AD1", [new CoResidentDto("5ABC12D", new DateOnly(2000, 1, 1)), new CoResidentDto("bad-pin", new DateOnly(2000, 1, 1))]);

        var result = PopulationRegisterMapper.ToCoResidents(dto);

        Assert.Equal("AD1", result.AddressId);
        Assert.Equal(["5ABC12D"], result.Residents.Select(f => f.Value));
    }
}
