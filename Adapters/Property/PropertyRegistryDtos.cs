namespace IntegrationHub.Adapters.Property;

// Wire shapes of the property registry, as it publishes them (snake_case).

public sealed record OwnerRightsDto(string OwnerFin, IReadOnlyList<OwnershipRightDto> Rights);

/// <param name="Purpose">RESIDENTIAL, COMMERCIAL, GARAGE, GARDEN or OTHER.</param>
/// <param name="RegisteredOn">The day the right was entered in the registry (the acquisition).</param>
public sealed record OwnershipRightDto(
    string RegistryNumber,
    string Purpose,
    string Address,
    decimal SharePercent,
    decimal AreaSqm,
    DateOnly RegisteredOn);

public sealed record TransactionPageDto(IReadOnlyList<TransactionDto> Items, int Page, int PageSize, int Total) : IAgencyPage<TransactionDto>;

/// <param name="DealType">PURCHASE or SALE, from the person's side of the deal.</param>
/// <param name="PriceAzn">The price stated in the registered contract.</param>
public sealed record TransactionDto(
    string RegistryNumber,
    string Purpose,
    string DealType,
    DateOnly DealDate,
    decimal PriceAzn);

// Read exactly as docs/agencies/property.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OwnerRightsDto))]
[JsonSerializable(typeof(TransactionPageDto))]
public sealed partial class PropertyRegistryJsonContext : JsonSerializerContext;
