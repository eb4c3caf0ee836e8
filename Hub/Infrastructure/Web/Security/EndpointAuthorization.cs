using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Web.Security;

/// <summary>The host's authentication schemes: one for systems, one for people.</summary>
public static class CallerSchemes
{
    /// <summary>Systems: an API key in <c>X-Api-Key</c>, looked up by its hash in <c>Trust:Callers</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>People: a signed JWT in <c>Authorization: Bearer</c>, from the issuer of <c>Trust:Tokens</c>.</summary>
    public const string PersonToken = "Bearer";

    /// <summary>
    /// An organisation acting through its own system or through one of its people: the API key when the request
    /// carries <c>X-Api-Key</c>, the person's token otherwise. One credential decides, never both.
    /// </summary>
    public const string SystemOrPerson = "SystemOrPerson";
}

/// <summary>
/// How an endpoint says who may call it. A person's endpoint accepts only a person's token (an API key there
/// is no credential at all: 401), a system's endpoint only an API key, so a system can never act as a person.
/// </summary>
public static class EndpointAuthorization
{
    /// <summary>Callable by a system holding one of <paramref name="roles"/> (API key).</summary>
    public static TBuilder RequireSystem<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(CallerSchemes.ApiKey).RequireRole(roles));

    /// <summary>Callable by a person whose token carries one of <paramref name="roles"/>.</summary>
    public static TBuilder RequirePerson<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(CallerSchemes.PersonToken).RequireRole(roles));

    /// <summary>
    /// Callable by an organisation's system holding <paramref name="systemRole"/> (API key) or by one of its people whose
    /// token carries <paramref name="personRole"/> (an employer and its officers). The credential is the key when one is
    /// sent, else the token (<see cref="CallerSchemes.SystemOrPerson"/>); each role counts only with its own kind of
    /// credential, so a system never passes as a person nor a person as a system.
    /// </summary>
    public static TBuilder RequireSystemOrPerson<TBuilder>(this TBuilder builder, string systemRole, string personRole) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddAuthenticationSchemes(CallerSchemes.SystemOrPerson).RequireAssertion(context =>
            context.User.Identities.Any(i => i.IsAuthenticated
                && ((i.AuthenticationType == CallerSchemes.ApiKey && i.HasClaim(System.Security.Claims.ClaimTypes.Role, systemRole))
                    || (i.AuthenticationType == CallerSchemes.PersonToken && i.HasClaim(PersonClaims.Role, personRole))))));
}
