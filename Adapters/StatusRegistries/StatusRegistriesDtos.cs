using System.Text.Json;
using System.Text.Json.Serialization;

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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StatusEnvelopeDto))]
public sealed partial class StatusRegistriesJsonContext : JsonSerializerContext;
