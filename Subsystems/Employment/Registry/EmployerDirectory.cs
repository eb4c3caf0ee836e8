using System.Security.Claims;
using IntegrationHub.Web.Security;

namespace IntegrationHub.Employment.Registry;

/// <summary>Who the employer acting is: the VÖEN of its key or its officer's token, known to the registry (<c>Employment:Employers</c>).</summary>
public sealed class EmployerDirectory(IOptions<EmploymentOptions> options)
{
    public (EmployerActor? Employer, ApiProblem? Problem) Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var voen = user.EmployerVoen();
        if (voen is null || !options.Value.Employers.TryGetValue(voen, out var employer))
        {
            return (null, new(403, EmploymentCodes.UnknownEmployer,
                "The registry knows no employer with the VÖEN of these credentials (Employment:Employers): ask the ministry to register the employer."));
        }
        var person = user.IsPerson();
        return (new EmployerActor(voen, employer.Name, user.ActorId(), person ? user.ActorId() : null), null);
    }
}
