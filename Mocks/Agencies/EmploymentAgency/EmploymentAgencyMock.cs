namespace IntegrationHub.Mocks.Agencies.EmploymentAgency;

/// <summary>
/// State Employment Agency, job-seeker register API v1 (camelCase).
/// <list type="bullet">
/// <item><c>GET /api/v1/job-seekers/{pin}</c>: registration status, date and any unemployment insurance being paid.</item>
/// <item><c>GET /api/v1/job-seekers/{pin}/offers?dateFrom=&amp;dateTo=</c>: job offers made in the window, with their outcome.</item>
/// </list>
/// Errors: RFC 9457 problem details with a <c>code</c>; an unknown PIN is 404 <c>CITIZEN_NOT_FOUND</c>. A citizen
/// who never registered is not an error: 200 with <c>NOT_REGISTERED</c>.
/// </summary>
public sealed class EmploymentAgencyMock(SyntheticPopulation population) : MockAgency(population, "employment-agency", "State Employment Agency")
{
    /// <summary>Unemployment insurance is paid for at most six months from registration.</summary>
    private const int InsuranceMonths = 6;

    protected override void Map()
    {
        Get("^/api/v1/job-seekers/(?<pin>[^/]+)$", (m, _) =>
            Find(m.Groups["pin"].Value) is { } p ? Json(Status(p)) : Error(404, "CITIZEN_NOT_FOUND", "No citizen with this PIN."));

        Get("^/api/v1/job-seekers/(?<pin>[^/]+)/offers$", (m, request) =>
        {
            if (Find(m.Groups["pin"].Value) is not { } p) return Error(404, "CITIZEN_NOT_FOUND", "No citizen with this PIN.");
            if (QueryDate(request, "dateFrom") is not { } from || QueryDate(request, "dateTo") is not { } to)
            {
                return Error(400, "INVALID_PERIOD", "dateFrom and dateTo are required, as yyyy-MM-dd.");
            }
            if (from > to) return Error(400, "INVALID_PERIOD", "dateFrom is after dateTo.");
            // The register only keeps offers the person refused; accepted ones end the registration.
            var offers = (p.JobSeeker?.RefusedOffers ?? [])
                .Where(o => o.On >= from && o.On <= to)
                .OrderBy(o => o.On)
                .Select(o => new { offerId = o.OfferId, offeredOn = o.On, employerName = o.Employer, position = o.Position, suitable = true, outcome = "REFUSED" });
            return Json(new { pin = p.Fin, dateFrom = from, dateTo = to, offers });
        });
    }

    private static object Status(Person p) => new
    {
        pin = p.Fin,
        registrationStatus = p.JobSeeker is null ? "NOT_REGISTERED" : "REGISTERED",
        registeredOn = p.JobSeeker?.RegisteredOn,
        unemploymentInsurance = p.JobSeeker is { InsuranceMonthly: { } monthly } js
            ? new { monthlyAmount = monthly, paidFrom = js.RegisteredOn, paidUntil = js.RegisteredOn.AddMonths(InsuranceMonths).AddDays(-1) }
            : null,
    };

    protected override IResponseMessage Error(int status, string code, string message) =>
        Text(JsonSerializer.Serialize(new { type = "about:blank", title = message, status, code }, JsonOptions), status, "application/problem+json; charset=utf-8");
}
