namespace IntegrationHub.Adapters.StatusRegistries;

// Wire shapes of the combined status service, as it publishes them (camelCase, inside { "data": ... }).

public sealed record StatusEnvelopeDto(PersonFlagsDto Data);

/// <param name="CheckedRegistries">The registries that answered for this call; a flag can only be absent from one of these.</param>
public sealed record PersonFlagsDto(string Pin, IReadOnlyList<string> CheckedRegistries, IReadOnlyList<FlagDto> Flags);

/// <param name="Registry">The registry that holds the fact, e.g. <c>DEFENCE</c>, <c>CREDIT_BUREAU</c>.</param>
/// <param name="Code">The fact, e.g. <c>ACTIVE_MILITARY_SERVICE</c>, <c>OPEN_LOANS</c>.</param>
/// <param name="Count">For <c>OPEN_LOANS</c>: how many loans are open.</param>
/// <param name="Amount">For <c>OPEN_LOANS</c>: principal outstanding in AZN.</param>
public sealed record FlagDto(string Registry, string Code, int? Count, decimal? Amount);

// Read exactly as docs/agencies/status-registries.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StatusEnvelopeDto))]
public sealed partial class StatusRegistriesJsonContext : JsonSerializerContext;
