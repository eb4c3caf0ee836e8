using System.Collections.Frozen;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using IntegrationHub.Hub.Engine.Access;
using Microsoft.AspNetCore.Authentication;

namespace IntegrationHub.Hub.Security;

/// <summary>One known caller (section <c>Trust:Callers:{name}</c>).</summary>
public sealed class CallerOptions
{
    /// <summary>
    /// SHA-256 (lower-case hex) of each key the caller may present. Several at once make rotation possible
    /// without downtime: add the new hash, move the caller to the new key, remove the old hash.
    /// </summary>
    public List<string> KeyHashes { get; init; } = [];

    /// <summary>Roles from <see cref="IntegrationHub.Web.Security.CallerRoles"/>.</summary>
    public List<string> Roles { get; init; } = [];

    /// <summary>An employer's VÖEN (role <c>employer</c>): the organisation this system acts for.</summary>
    public string? Voen { get; init; }
}

/// <summary>The known callers, by name (section <c>Trust:Callers</c>).</summary>
public sealed class CallersOptions
{
    public const string SectionName = AccessPolicyOptions.CallersSectionName;

    public Dictionary<string, CallerOptions> Callers { get; init; } = new(StringComparer.Ordinal);

    // Built once per settings snapshot (a reload binds a new CallersOptions), on first use: a look-up per request,
    // not a scan of every caller's hashes. Its timing can only tell about SHA-256 outputs, never about a key.
    private FrozenDictionary<string, string>? _byKeyHash;

    /// <summary>The caller whose key hashes to <paramref name="keyHash"/>, if any.</summary>
    public string? FindByKeyHash(string keyHash) =>
        (_byKeyHash ??= Callers
            .SelectMany(c => c.Value.KeyHashes.Select(h => (Hash: h, Caller: c.Key)))
            .DistinctBy(e => e.Hash, StringComparer.Ordinal)
            .ToFrozenDictionary(e => e.Hash, e => e.Caller, StringComparer.Ordinal))
        .GetValueOrDefault(keyHash);

    public bool IsKnown(string name) => Callers.ContainsKey(name);
}

/// <summary>
/// How a system proves who it is: an API key in the <c>X-Api-Key</c> header, looked up by its SHA-256 (keys
/// themselves are never stored). People use the other scheme, <see cref="PersonTokens"/>. Another scheme for
/// systems (mTLS) could sit beside it producing the same principal shape (name = caller, role claims).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<CallersOptions> callers,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = CallerSchemes.ApiKey;
    public const string HeaderName = "X-Api-Key";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var all = callers.CurrentValue;
        var name = all.FindByKeyHash(Hash(values.ToString()));
        if (name is null) return Task.FromResult(AuthenticateResult.Fail("unknown API key"));

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, name), new(ClaimTypes.Name, name) };
        claims.AddRange(all.Callers[name].Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (all.Callers[name].Voen is { Length: > 0 } voen) claims.Add(new Claim(PersonClaims.Voen, voen));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = Request.Headers.ContainsKey(HeaderName);
        var problem = presented
            ? ProblemResults.Create(StatusCodes.Status401Unauthorized, "invalid-api-key", $"The {HeaderName} header does not hold a key of any known caller.")
            : ProblemResults.Create(StatusCodes.Status401Unauthorized, "authentication-required", $"This endpoint needs a known caller: send its API key in the {HeaderName} header.");
        Response.Headers.WWWAuthenticate = SchemeName;
        await problem.ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResults.Create(StatusCodes.Status403Forbidden, "forbidden", "This caller is known but does not hold the role this endpoint needs.").ExecuteAsync(Context);
}

/// <summary>Start-up validation: every hash is a SHA-256 hex string, every caller has a key and a role.</summary>
internal sealed class CallersOptionsValidator : IValidateOptions<CallersOptions>
{
    public ValidateOptionsResult Validate(string? name, CallersOptions options)
    {
        var errors = new List<string>();
        foreach (var (caller, settings) in options.Callers)
        {
            if (settings.KeyHashes.Count == 0) errors.Add($"{CallersOptions.SectionName}:{caller}:KeyHashes is empty: the caller could never authenticate.");
            errors.AddRange(settings.KeyHashes
                .Where(h => h.Length != 64 || !h.All(char.IsAsciiHexDigitLower))
                .Select(h => $"{CallersOptions.SectionName}:{caller}:KeyHashes has '{h}', which is not a lower-case hex SHA-256 (64 characters) of a key."));
            if (settings.Roles.Count == 0) errors.Add($"{CallersOptions.SectionName}:{caller}:Roles is empty.");
            if (settings.Voen is not null && !Contracts.Identifiers.Voen.TryParse(settings.Voen, out _, out var voenError))
            {
                errors.Add($"{CallersOptions.SectionName}:{caller}:Voen '{settings.Voen}' is not a VÖEN: {voenError}");
            }
            if (settings.Roles.Contains(CallerRoles.Employer) && string.IsNullOrEmpty(settings.Voen))
            {
                errors.Add($"{CallersOptions.SectionName}:{caller}:Voen is empty: an employer's system acts for the employer its VÖEN names.");
            }
            var personRoles = settings.Roles.Intersect(CallerRoles.PersonRoles).ToList();
            if (personRoles.Count > 0)
            {
                errors.Add($"{CallersOptions.SectionName}:{caller}:Roles has {string.Join(", ", personRoles)}: a person's role comes with a person's token, never with a key.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>Authentication (API keys for systems, signed tokens for people) and authorization for every role of the host.</summary>
    public static WebApplicationBuilder AddCallerAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CallersOptions>()
            .Configure(o =>
            {
                foreach (var child in builder.Configuration.GetSection(CallersOptions.SectionName).GetChildren())
                {
                    o.Callers[child.Key] = child.Get<CallerOptions>() ?? new CallerOptions();
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CallersOptions>, CallersOptionsValidator>();
        // Systems' keys are the default; a person's endpoint names the token scheme (EndpointAuthorization.RequirePerson).
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPersonTokens(builder.Configuration)
            // An organisation's system or one of its people (EndpointAuthorization.RequireSystemOrPerson): the key decides when sent.
            .AddPolicyScheme(CallerSchemes.SystemOrPerson, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? CallerSchemes.ApiKey : CallerSchemes.PersonToken);
        builder.Services.AddAuthorization();
        return builder;
    }
}
