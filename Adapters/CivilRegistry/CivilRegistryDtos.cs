namespace IntegrationHub.Adapters.CivilRegistry;

// Wire shapes of the civil registry, as it publishes them (camelCase).

public sealed record CitizenActsDto(string Citizen, IReadOnlyList<CivilActDto> Acts);

/// <param name="Kind">MARRIAGE, DIVORCE, BIRTH, ADOPTION or DEATH.</param>
/// <param name="ActNumber">The registry's number, e.g. "2011/4471".</param>
public sealed record CivilActDto(string Kind, string ActNumber, DateOnly RegisteredOn, IReadOnlyList<ActPartyDto> Parties);

/// <param name="Role">HUSBAND, WIFE or SPOUSE (marriage, divorce); FATHER, MOTHER or CHILD (birth); ADOPTIVE_PARENT or ADOPTED_CHILD (adoption); DECEASED (death).</param>
/// <param name="DateOfDeath">Set when the registry holds a death act for the party.</param>
public sealed record ActPartyDto(string Fin, string Role, DateOnly? BirthDate = null, DateOnly? DateOfDeath = null);

// Read exactly as docs/agencies/civil-registry.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CitizenActsDto))]
public sealed partial class CivilRegistryJsonContext : JsonSerializerContext;
