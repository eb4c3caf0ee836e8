using System.Security.Claims;
using IntegrationHub.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Web.Security;

/// <summary>The claims of a person's token (docs/trust.md), and what an endpoint reads from them.</summary>
public static class PersonClaims
{
    /// <summary>The person: a citizen's FIN, or a member of staff's id.</summary>
    public const string Subject = "sub";

    /// <summary>One of <see cref="CallerRoles.PersonRoles"/>.</summary>
    public const string Role = "role";

    /// <summary>A clinic doctor's clinic.</summary>
    public const string Clinic = "clinic";

    /// <summary>The employer's VÖEN: of an employer officer's token, and of an employer system's key (its caller entry's <c>Voen</c>).</summary>
    public const string Voen = "voen";

    /// <summary>A contact-centre operator's or supervisor's department (a department key such as <c>social-security</c>).</summary>
    public const string Department = "department";

    /// <summary>A post-office member of staff's office.</summary>
    public const string Office = "office";

    /// <summary>The problem code when a citizen asks for another person's data by FIN.</summary>
    public const string NotYourData = "not-your-data";

    /// <summary>
    /// Who acts, as the audit and the module's records name them: a person's subject (FIN or staff id) or a
    /// system's configured name.
    /// </summary>
    public static string ActorId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? "unknown";
    }

    /// <summary>The FIN of the citizen whose token this is; null for anyone else.</summary>
    public static string? CitizenFin(this ClaimsPrincipal user) => PersonIn(user, CallerRoles.Citizen)?.FindFirst(Subject)?.Value;

    /// <summary>The clinic of a clinic doctor's token; null for anyone else.</summary>
    public static string? ClinicOf(this ClaimsPrincipal user) => PersonIn(user, CallerRoles.ClinicDoctor)?.FindFirst(Clinic)?.Value;

    /// <summary>
    /// The VÖEN of the employer acting: an employer officer's (token) or an employer system's (API key); null for anyone
    /// else, so a person of another role or a system without the employer role never acts for an employer.
    /// </summary>
    public static string? EmployerVoen(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (PersonIn(user, CallerRoles.EmployerOfficer) is { } officer) return officer.FindFirst(Voen)?.Value;
        var system = user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == CallerSchemes.ApiKey && i.HasClaim(ClaimTypes.Role, CallerRoles.Employer));
        return system?.FindFirst(Voen)?.Value;
    }

    /// <summary>Whether a person (token) acts, rather than a system (API key).</summary>
    public static bool IsPerson(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == CallerSchemes.PersonToken);
    }

    /// <summary>The department of a contact-centre operator's or supervisor's token; null for anyone else.</summary>
    public static string? DepartmentOf(this ClaimsPrincipal user) =>
        (PersonIn(user, CallerRoles.ContactCentreOperator) ?? PersonIn(user, CallerRoles.ContactCentreSupervisor))?.FindFirst(Department)?.Value;

    /// <summary>The office of a post-office member of staff's token; null for anyone else.</summary>
    public static string? OfficeOf(this ClaimsPrincipal user) => PersonIn(user, CallerRoles.PostOfficeStaff)?.FindFirst(Office)?.Value;

    // A token's identity carries the role under the JWT claim name; a system's (API key) under ClaimTypes.Role.
    private static ClaimsIdentity? PersonIn(ClaimsPrincipal user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == CallerSchemes.PersonToken && i.HasClaim(Role, role));
    }

    /// <summary>
    /// Null when <paramref name="fin"/> is the token holder's own FIN; otherwise 403 <c>not-your-data</c>. Asked
    /// before anything is looked up, so the answer is the same whether that person exists or not.
    /// </summary>
    public static ProblemHttpResult? RefuseUnlessOwn(this ClaimsPrincipal user, string fin, string field = "fin")
    {
        ArgumentNullException.ThrowIfNull(user);
        return string.Equals(user.CitizenFin(), fin, StringComparison.Ordinal)
            ? null
            : ProblemResults.Create(StatusCodes.Status403Forbidden, NotYourData,
                "A citizen's token reads and acts on the citizen's own data only: this FIN is not the token's subject.", field);
    }
}
