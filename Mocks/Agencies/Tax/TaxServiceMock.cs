namespace IntegrationHub.Mocks.Agencies.Tax;

/// <summary>
/// State Tax Service (e-taxes), individuals API v1, snake_case.
/// <list type="bullet">
/// <item><c>GET /etax/v1/individuals/{fin}/registrations</c>: the person's VÖEN registrations (from their business).</item>
/// <item><c>GET /etax/v1/individuals/{fin}/income?from=yyyy-MM&amp;to=yyyy-MM</c>: monthly income lines: WAGE per month of each
/// labour contract (the same contracts the labour-contract registry holds, 14% withheld by the employer), BUSINESS from
/// the month of registration, PROPERTY for rent. Months after the last full month are not reported yet.</item>
/// </list>
/// Errors: <c>{ "error_code", "error_message" }</c>; unknown FIN 404 <c>TAXPAYER_NOT_FOUND</c>, bad window 400 <c>INVALID_PERIOD</c>.
/// </summary>
public sealed class TaxServiceMock(SyntheticPopulation population) : MockAgency(population, "tax", "State Tax Service")
{
    private const decimal IncomeTaxRate = 0.14m;
    private const int MaxMonths = 36;

    protected override JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    protected override void Map()
    {
        Get("^/etax/v1/individuals/(?<fin>[^/]+)/registrations$", (m, _) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return NoTaxpayer();
            var registrations = p.Business is { } b
                ? new[] { new { voen = b.Voen, taxRegime = b.Regime, registeredOn = b.RegisteredOn, status = "ACTIVE" } }
                : [];
            return Json(new { fin = p.Fin, registrations });
        });

        Get("^/etax/v1/individuals/(?<fin>[^/]+)/income$", (m, request) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return NoTaxpayer();
            var from = QueryDate(request, "from", "yyyy-MM");
            var to = QueryDate(request, "to", "yyyy-MM");
            if (from is null || to is null || from > to || from.Value.AddMonths(MaxMonths) <= to)
            {
                return Error(400, "INVALID_PERIOD", $"from and to are required months (yyyy-MM), from <= to, at most {MaxMonths} months.");
            }
            var lastReported = new DateOnly(Population.AsOf.Year, Population.AsOf.Month, 1).AddDays(-1);
            var months = Months(from.Value, to.Value < lastReported ? to.Value : lastReported);
            return Json(new
            {
                fin = p.Fin,
                from = Month(from.Value),
                to = Month(to.Value),
                lines = months.SelectMany(month => Lines(p, month)),
            });
        });
    }

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { errorCode = code, errorMessage = message }, status);

    private IResponseMessage NoTaxpayer() => Error(404, "TAXPAYER_NOT_FOUND", "No taxpayer record for this FIN.");

    private static IEnumerable<object> Lines(Person p, DateOnly month)
    {
        foreach (var job in p.Jobs.Where(j => Covers(j.Start, j.End, month)))
        {
            yield return Line(month, "WAGE", job.MonthlyWage, Math.Round(job.MonthlyWage * IncomeTaxRate, 2), job.EmployerVoen);
        }
        if (p.Business is { } b && Covers(b.RegisteredOn, null, month))
        {
            // Simplified tax is paid by the entrepreneur on declaration; nothing is withheld at source.
            yield return Line(month, "BUSINESS", b.MonthlyIncome, 0m, null);
        }
        if (p.MonthlyRent > 0)
        {
            yield return Line(month, "PROPERTY", p.MonthlyRent, 0m, null);
        }
    }

    private static object Line(DateOnly month, string type, decimal gross, decimal withheld, string? payer) =>
        new { month = Month(month), incomeType = type, gross, taxWithheld = withheld, payerVoen = payer };

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
