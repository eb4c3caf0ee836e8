using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Employment.Agency;

public sealed record AgencyEmployer(string Voen, string Name);

public sealed record AgencyContract(string ContractNumber, AgencyEmployer Employer, string Position, decimal MonthlyWage, DateOnly StartDate, DateOnly? EndDate, string Status);

public sealed record AgencyContractPage(IReadOnlyList<AgencyContract> Items, int Page, int PageSize, int Total);

/// <summary>
/// The registry's labour-contracts data set served as an agency API, in exactly the shape docs/agencies/labour-contracts.md
/// documents, so the hub's labour-contracts adapter reads this registry as it reads any agency
/// (<c>Agencies:labour-contracts:BaseAddress</c> pointing here, with a key of role <c>registry-reader</c>).
/// </summary>
public static class LabourContractsAgencyApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    public static RouteHandlerBuilder MapLabourContractsAgencyApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/mlspp/v1/employees/{fin}/labour-contracts", Contracts).RequireSystem(CallerRoles.RegistryReader)
            .WithTags("Employment")
            .WithName("GetLabourContractsAsAgency")
            .WithSummary("The labour-contracts data set as an agency API (docs/agencies/labour-contracts.md), for the hub's adapter")
            .WithDescription("A person's contracts, oldest first, paged; the wage and status as of today. A well-formed FIN the registry has no contract of gets an empty page; a malformed one 404 EMPLOYEE_NOT_FOUND (no such person can exist).")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    private static Results<Ok<AgencyContractPage>, ProblemHttpResult> Contracts(string fin, string? page, string? pageSize, IEmploymentStore store, TimeProvider time)
    {
        if (!Fin.TryParse(fin, out var parsed, out _))
        {
            return ProblemResults.Create(StatusCodes.Status404NotFound, "EMPLOYEE_NOT_FOUND", "The FIN is not in the population.");
        }
        if (!Paging(page, 1, out var p) || !Paging(pageSize, DefaultPageSize, out var size))
        {
            return ProblemResults.Create(StatusCodes.Status400BadRequest, "INVALID_PAGING", "page and pageSize are whole numbers of at least 1.");
        }
        size = Math.Min(size, MaxPageSize);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var all = store.ContractsOfEmployee(parsed.Value).OrderBy(c => c.StartDate).ThenBy(c => c.Number, StringComparer.Ordinal).ToList();
        var items = all.Skip((int)Math.Min(int.MaxValue, ((long)p - 1) * size)).Take(size).Select(c => Of(c, today)).ToList();
        return TypedResults.Ok(new AgencyContractPage(items, p, size, all.Count));
    }

    /// <summary>A contract as the agency publishes it: today's wage and position (the last ones if it ended), its status today.</summary>
    public static AgencyContract Of(ContractRecord c, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        var terms = c.CurrentTerms(today);
        var status = c.EndDate is { } end && end < today ? "TERMINATED" : c.SuspensionOn(today) is not null ? "SUSPENDED" : "ACTIVE";
        return new(c.Number, new AgencyEmployer(c.EmployerVoen, c.EmployerName), terms.Position, terms.MonthlyWage, c.StartDate, c.EndDate, status);
    }

    private static bool Paging(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1);
    }
}
