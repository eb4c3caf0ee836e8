namespace IntegrationHub.Adapters.Population;

// Wire shapes of the population register, as it publishes them (camelCase).

public sealed record PersonRecordDto(
    string Pin,
    string Surname,
    string Name,
    string? Patronymic,
    DateOnly BirthDate,
    string Gender,
    string Citizenship,
    PersonDocumentDto? Document,
    RegistrationDto? Registration,
    bool IsDead,
    DateOnly? DeathDate);

public sealed record PersonDocumentDto(string Type, string Number, DateOnly IssueDate, DateOnly ExpiryDate);

public sealed record RegistrationDto(string AddressCode, string Region, string City, string Street, string House, string? Flat);

public sealed record CoResidentsDto(string AddressCode, IReadOnlyList<CoResidentDto> Residents);

public sealed record CoResidentDto(string Pin, DateOnly RegisteredSince);

// Read exactly as docs/agencies/population.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PersonRecordDto))]
[JsonSerializable(typeof(CoResidentsDto))]
public sealed partial class PopulationRegisterJsonContext : JsonSerializerContext;
