namespace IntegrationHub.Mocks.Agencies.LabourContracts;

/// <summary>
/// Labour-contract registry of the Ministry of Labour and Social Protection of the Population (MLSPP), API v1.
/// <list type="bullet">
/// <item><c>GET /mlspp/v1/employees/{fin}/labour-contracts?page=1&amp;pageSize=20</c>: the person's contracts, oldest first,
/// as <c>{ items, page, pageSize, total }</c>. <c>pageSize</c> defaults to 20 and is capped at 50.</item>
/// </list>
/// Errors: problem details <c>{ "type", "title", "status", "code", "detail" }</c>; unknown FIN 404 <c>EMPLOYEE_NOT_FOUND</c>,
/// bad paging 400 <c>INVALID_PAGING</c>.
/// </summary>
public sealed class LabourContractsMock(SyntheticPopulation population) : MockAgency(population, "labour-contracts", "Labour-contract registry (MLSPP)")
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    protected override void Map() =>
        Get("^/mlspp/v1/employees/(?<fin>[^/]+)/labour-contracts$", (m, request) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return Error(404, "EMPLOYEE_NOT_FOUND", "No employee record for this FIN.");
            if (!TryQueryInt(request, "page", 1, out var page) || !TryQueryInt(request, "pageSize", DefaultPageSize, out var pageSize) || page < 1 || pageSize < 1)
            {
                return Error(400, "INVALID_PAGING", "page and pageSize must be whole numbers of at least 1.");
            }
            pageSize = Math.Min(pageSize, MaxPageSize);
            var contracts = p.Jobs.OrderBy(j => j.Start).ThenBy(j => j.ContractNo, StringComparer.Ordinal).ToList();
            return Json(new
            {
                items = contracts.Skip((int)Math.Min((long)(page - 1) * pageSize, int.MaxValue)).Take(pageSize).Select(Contract),
                page,
                pageSize,
                total = contracts.Count,
            });
        });

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new
        {
            type = "https://api.mlspp.gov.az/problems/" + code.ToLowerInvariant().Replace('_', '-'),
            title = status switch { 400 => "Bad Request", 404 => "Not Found", _ => "Error" },
            status,
            code,
            detail = message,
        }, status);

    private object Contract(Job job) => new
    {
        contractNumber = job.ContractNo,
        employer = new { voen = job.EmployerVoen, name = job.EmployerName },
        position = job.Position,
        monthlyWage = job.MonthlyWage,
        startDate = job.Start,
        endDate = job.End,
        status = job.End is { } end && end < Population.AsOf ? "TERMINATED" : "ACTIVE",
    };
}
