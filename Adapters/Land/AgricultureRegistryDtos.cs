namespace IntegrationHub.Adapters.Land;

// Wire shapes of the agriculture registry (EKTİS), as it publishes them (camelCase, every answer in { success, data }).

public sealed record FarmHoldingEnvelopeDto(bool Success, FarmHoldingDto Data);

public sealed record FarmHoldingDto(string FarmerFin, IReadOnlyList<LandPlotDto> LandPlots, LivestockDto Livestock);

/// <param name="LandCategory">ARABLE, PASTURE, HAYFIELD, PERENNIAL or HOMESTEAD.</param>
public sealed record LandPlotDto(string ParcelId, string Region, decimal AreaHa, string LandCategory);

/// <param name="SheepAndGoats">Small ruminants, counted together as the ministry declares them.</param>
public sealed record LivestockDto(int Cattle, int SheepAndGoats, int Poultry);

public sealed record SubsidiesEnvelopeDto(bool Success, IReadOnlyList<SubsidyPaymentDto> Data);

/// <param name="Year">The crop year the subsidy is for (paid in that year or the next).</param>
/// <param name="SubsidyType">SOWING (per hectare sown), YIELD (per tonne delivered) or LIVESTOCK (per head).</param>
public sealed record SubsidyPaymentDto(int Year, string SubsidyType, decimal AmountAzn);

// Read exactly as docs/agencies/land.md publishes it: names as written (case counts), numbers as numbers, every
// field present unless the document lets it be left out, null only where it allows null. Anything else is a
// malformed answer, never a silent zero or null; fields the document does not name are ignored.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FarmHoldingEnvelopeDto))]
[JsonSerializable(typeof(SubsidiesEnvelopeDto))]
public sealed partial class AgricultureRegistryJsonContext : JsonSerializerContext;
