using System.Text.Encodings.Web;

namespace IntegrationHub.Mocks.Agencies.AgricultureRegistry;

/// <summary>
/// Electronic agriculture information system (EKTİS) of the Ministry of Agriculture, API v2 (camelCase, every
/// answer in <c>{ "success", "data" }</c>).
/// <list type="bullet">
/// <item><c>GET /ektis/api/v2/farmers/{fin}/holding</c>: land plots and declared livestock (empty for non-farmers).</item>
/// <item><c>GET /ektis/api/v2/farmers/{fin}/subsidies?yearFrom&amp;yearTo</c>: subsidies of those crop years.</item>
/// </list>
/// Errors: <c>{ "success": false, "error": { "code", "text" } }</c>; an unknown FIN is 404 <c>FARMER_NOT_FOUND</c>,
/// a missing or reversed year range 400 <c>INVALID_YEAR_RANGE</c>.
/// </summary>
public sealed class AgricultureRegistryMock(SyntheticPopulation population) : MockAgency(population, "land", "Land and agriculture registry (Ministry of Agriculture)")
{
    // Azerbaijani letters go out as raw UTF-8, as the registries send them, not as \u escapes.
    protected override JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { success = false, error = new { code, text = message } }, status);

    protected override void Map()
    {
        Get("^/ektis/api/v2/farmers/(?<fin>[^/]+)/holding$", (m, _) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return FarmerNotFound();
            return Json(new
            {
                success = true,
                data = new
                {
                    farmerFin = p.Fin,
                    landPlots = p.Land.Select(l => new { parcelId = l.ParcelId, region = l.Region, areaHa = l.Hectares, landCategory = l.Use.ToUpperInvariant() }),
                    livestock = new { cattle = p.Cattle, sheepAndGoats = p.Sheep, poultry = p.Poultry },
                },
            });
        });

        Get("^/ektis/api/v2/farmers/(?<fin>[^/]+)/subsidies$", (m, request) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return FarmerNotFound();
            if (Year(Query(request, "yearFrom")) is not { } from || Year(Query(request, "yearTo")) is not { } to || to < from)
            {
                return Error(400, "INVALID_YEAR_RANGE", "yearFrom and yearTo (yyyy, yearFrom <= yearTo) are required.");
            }
            // The person's land subsidy is the sowing subsidy of the last finished crop year.
            var cropYear = Population.AsOf.Year - 1;
            var paid = p.LandSubsidy > 0 && cropYear >= from && cropYear <= to
                ? new[] { new { year = cropYear, subsidyType = "SOWING", amountAzn = p.LandSubsidy } }
                : [];
            return Json(new { success = true, data = paid });
        });
    }

    private IResponseMessage FarmerNotFound() => Error(404, "FARMER_NOT_FOUND", "No person with this FIN in EKTİS.");

    private static int? Year(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 9999 ? year : null;
}
