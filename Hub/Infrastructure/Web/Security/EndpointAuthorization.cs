using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Web.Security;

/// <summary>The host's authentication schemes: one for systems, one for people.</summary>
public static class CallerSchemes
{
    /// <summary>Systems: an API key in <c>X-Api-Key</c>, looked up by its hash in <c>Trust:Callers</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>People: a signed JWT in <c>Authorization: Bearer</c>, from the issuer of <c>Trust:Tokens</c>.</summary>
    public const string PersonToken = "Bearer";
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
}
