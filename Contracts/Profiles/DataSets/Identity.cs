using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<Sex>))]
public enum Sex
{
    Female,
    Male,
}

/// <summary>Population register: who the person is and where they are registered.</summary>
public sealed record IdentityData(
    Fin Fin,
    string GivenName,
    string Surname,
    string? Patronymic,
    DateOnly BirthDate,
    Sex Sex,
    string Citizenship,
    IdDocument? Document,
    RegisteredAddress? Address,
    bool Deceased,
    DateOnly? DateOfDeath)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<IdentityData> DataSet { get; } = new(
        "identity",
        m => m.Identity,
        (m, set) => m with { Identity = set });
}

public sealed record IdDocument(string Kind, string Number, DateOnly IssuedOn, DateOnly ValidUntil);

/// <summary>A registered address; <see cref="AddressId"/> is the register's own key, equal for everyone registered there.</summary>
public sealed record RegisteredAddress(string AddressId, string Region, string City, string Street, string Building, string? Apartment);
