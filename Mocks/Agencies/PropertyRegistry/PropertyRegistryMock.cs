using System.Text.Encodings.Web;

namespace IntegrationHub.Mocks.Agencies.PropertyRegistry;

/// <summary>
/// Real estate registry of the State Service on Property Issues, API v1 (snake_case).
/// <list type="bullet">
/// <item><c>GET /api/v1/owners/{fin}/rights</c>: ownership rights registered to the person now.</item>
/// <item><c>GET /api/v1/owners/{fin}/transactions?date_from&amp;date_to&amp;page&amp;page_size</c>: purchases and sales
/// dated within the period, paged <c>{ items, page, page_size, total }</c> (page from 1, page_size at most 100).</item>
/// </list>
/// Errors: <c>{ "error": { "code", "message" } }</c>; an unknown FIN is 404 <c>OWNER_NOT_FOUND</c>, a missing or
/// reversed period 400 <c>INVALID_PERIOD</c>.
/// </summary>
public sealed class PropertyRegistryMock(SyntheticPopulation population) : MockAgency(population, "property", "Property registry (State Service on Property Issues)")
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    // Azerbaijani letters go out as raw UTF-8, as the registries send them, not as \u escapes.
    protected override JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { error = new { code, message } }, status);

    protected override void Map()
    {
        Get("^/api/v1/owners/(?<fin>[^/]+)/rights$", (m, _) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return OwnerNotFound();
            return Json(new
            {
                OwnerFin = p.Fin,
                Rights = p.Properties.Select(e => new
                {
                    RegistryNumber = e.RegistryNo,
                    e.Purpose,
                    e.Address,
                    e.SharePercent,
                    AreaSqm = e.Area,
                    RegisteredOn = e.Acquired,
                }),
            });
        });

        Get("^/api/v1/owners/(?<fin>[^/]+)/transactions$", (m, request) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return OwnerNotFound();
            if (QueryDate(request, "date_from") is not { } from || QueryDate(request, "date_to") is not { } to || to < from)
            {
                return Error(400, "INVALID_PERIOD", "date_from and date_to (yyyy-MM-dd, date_from <= date_to) are required.");
            }
            var page = Math.Max(1, QueryInt(request, "page") ?? 1);
            var size = Math.Clamp(QueryInt(request, "page_size") ?? DefaultPageSize, 1, MaxPageSize);
            var deals = p.Deals.Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ThenBy(d => d.RegistryNo, StringComparer.Ordinal).ToList();
            return Json(new
            {
                Items = deals.Skip((page - 1) * size).Take(size).Select(d => new
                {
                    RegistryNumber = d.RegistryNo,
                    d.Purpose,
                    DealType = d.Sale ? "SALE" : "PURCHASE",
                    DealDate = d.Date,
                    PriceAzn = d.Value,
                }),
                Page = page,
                PageSize = size,
                Total = deals.Count,
            });
        });
    }

    private IResponseMessage OwnerNotFound() => Error(404, "OWNER_NOT_FOUND", "No person with this FIN in the registry.");

}
