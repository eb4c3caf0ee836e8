using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IntegrationHub.Contracts.Identifiers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationHub.Hub.Security;

/// <summary>
/// Who signs people's tokens (section <c>Trust:Tokens</c>): the national single sign-on in production, the
/// development issuer (<see cref="DevelopmentTokens"/>) in the default mode. The hub holds public keys only.
/// </summary>
public sealed class PersonTokenOptions
{
    public const string SectionName = "Trust:Tokens";

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The <c>aud</c> every token must carry: this hub, so a token issued for another service is refused.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Leeway for the issuer's clock on <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The issuer's public keys, several at once for rotation: the issuer signs with a new key (its <c>kid</c>)
    /// once the hub knows it, and the old key is removed when its last tokens have expired.
    /// </summary>
    public List<SigningKeyOptions> SigningKeys { get; init; } = [];
}

/// <summary>One public key of the issuer.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The key id (<c>kid</c> in the token header).</summary>
    public string Id { get; set; } = "";

    /// <summary>SubjectPublicKeyInfo of an EC (P-256/384/521) or RSA (2048 bits or more) key: PEM, or its base64 body.</summary>
    public string PublicKey { get; set; } = "";
}

/// <summary>
/// People's identity: a JWT bearer scheme beside the API keys, validated against <see cref="PersonTokenOptions"/>
/// on the injected clock. A refused token is answered 401 with a code saying why (docs/problems.md).
/// </summary>
public static partial class PersonTokens
{
    public const string TokenExpired = "token-expired";
    public const string TokenUntrustedSignature = "token-untrusted-signature";
    public const string TokenWrongAudience = "token-wrong-audience";
    public const string TokenWrongIssuer = "token-wrong-issuer";
    public const string InvalidToken = "invalid-token";

    /// <summary>Signature algorithms accepted: asymmetric only (the hub must never be able to mint).</summary>
    public static readonly IReadOnlyList<string> Algorithms =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    public static AuthenticationBuilder AddPersonTokens(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var services = authentication.Services;
        services.AddOptions<PersonTokenOptions>().Bind(configuration.GetSection(PersonTokenOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PersonTokenOptions>, PersonTokenOptionsValidator>();
        authentication.AddJwtBearer(CallerSchemes.PersonToken, _ => { });
        services.AddOptions<JwtBearerOptions>(CallerSchemes.PersonToken).Configure<IOptions<PersonTokenOptions>, TimeProvider>(Configure);
        return authentication;
    }

    private static void Configure(JwtBearerOptions options, IOptions<PersonTokenOptions> tokens, TimeProvider time)
    {
        var settings = tokens.Value;
        // Claims keep their JWT names (sub, role, clinic): the principal reads exactly what docs/trust.md lists.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = settings.SigningKeys.Select(k => ReadKey(k, out _)).OfType<SecurityKey>().ToList(),
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            AuthenticationType = CallerSchemes.PersonToken,
            NameClaimType = PersonClaims.Subject,
            RoleClaimType = PersonClaims.Role,
            ClockSkew = settings.ClockSkew,
            // The library reads the wall clock; the host's clock decides here, so tests can move it.
            LifetimeValidator = (notBefore, expires, _, parameters) => ValidateLifetime(notBefore, expires, parameters.ClockSkew, time),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (ClaimsProblem(context.Principal!) is { } problem) context.Fail(new SecurityTokenValidationException(problem));
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var (code, detail) = Classify(context.AuthenticateFailure);
                context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                await ProblemResults.Create(StatusCodes.Status401Unauthorized, code, detail).ExecuteAsync(context.HttpContext);
            },
            OnForbidden = context => ProblemResults.Create(StatusCodes.Status403Forbidden, "forbidden",
                "This person's token does not carry the role this endpoint needs.").ExecuteAsync(context.HttpContext),
        };
    }

    private static bool ValidateLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null) throw new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        if (notBefore is { } start && start > now + skew) throw new SecurityTokenNotYetValidException("The token is not valid yet (nbf).") { NotBefore = start };
        if (expires.Value < now - skew) throw new SecurityTokenExpiredException("The token has expired (exp).") { Expires = expires.Value };
        return true;
    }

    /// <summary>What the token says about the person must make sense before any endpoint reads it.</summary>
    private static string? ClaimsProblem(ClaimsPrincipal principal)
    {
        var roles = principal.FindAll(PersonClaims.Role).Select(c => c.Value).ToList();
        var personRoles = roles.Where(CallerRoles.PersonRoles.Contains).ToList();
        if (personRoles.Count != 1) return $"The token must carry exactly one role of {string.Join(", ", CallerRoles.PersonRoles)}.";
        var subject = principal.FindFirstValue(PersonClaims.Subject);
        if (personRoles[0] == CallerRoles.Citizen)
        {
            if (!Fin.TryParse(subject, out _, out _)) return "A citizen's token has the citizen's FIN as its subject (sub).";
        }
        else if (subject is null || !StaffId().IsMatch(subject))
        {
            return "A member of staff's token has their staff id as its subject (sub): 1-64 letters, digits, '.', '_' or '-'.";
        }
        if (personRoles[0] == CallerRoles.ClinicDoctor && !IsClinic(principal.FindFirstValue(PersonClaims.Clinic)))
        {
            return "A clinic doctor's token names the clinic (claim clinic, 1-200 characters, no control characters).";
        }
        if (personRoles[0] == CallerRoles.EmployerOfficer && !Voen.TryParse(principal.FindFirstValue(PersonClaims.Voen), out _, out _))
        {
            return "An employer officer's token names the employer's VÖEN (claim voen: 10 digits, the last 1 or 2).";
        }
        if (personRoles[0] is CallerRoles.ContactCentreOperator or CallerRoles.ContactCentreSupervisor && !IsDepartment(principal.FindFirstValue(PersonClaims.Department)))
        {
            return "A contact-centre operator's or supervisor's token names the department (claim department, a key such as social-security: 2-64 lower-case letters, digits and '-').";
        }
        if (personRoles[0] == CallerRoles.PostOfficeStaff && !IsOffice(principal.FindFirstValue(PersonClaims.Office)))
        {
            return "A post-office member of staff's token names the office (claim office, 1-200 characters, no control characters).";
        }
        return null;
    }

    /// <summary>A clinic's name as a token or a referral carries it.</summary>
    public static bool IsClinic(string? clinic) => IsPlaceName(clinic);

    /// <summary>A post office's name as a token carries it.</summary>
    public static bool IsOffice(string? office) => IsPlaceName(office);

    /// <summary>A department's key as a token carries it; which departments exist is the contact-centre module's to say.</summary>
    public static bool IsDepartment(string? department) => department is not null && DepartmentKey().IsMatch(department);

    private static bool IsPlaceName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= 200 && !name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    /// <summary>A member of staff's id as the token's subject.</summary>
    public static bool IsStaffId(string? id) => id is not null && StaffId().IsMatch(id);

    private static (string Code, string Detail) Classify(Exception? failure) => failure switch
    {
        null => ("authentication-required",
            "This endpoint acts for a person: send their token in the Authorization header (Bearer)."),
        SecurityTokenExpiredException => (TokenExpired, "The token has expired: sign in again."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => (TokenUntrustedSignature,
            "The token is not signed by a key of the configured issuer (Trust:Tokens:SigningKeys)."),
        SecurityTokenInvalidAudienceException => (TokenWrongAudience, "The token was issued for another service, not this hub."),
        SecurityTokenInvalidIssuerException => (TokenWrongIssuer, "The token was issued by an issuer this hub does not trust."),
        SecurityTokenValidationException { Message: var message } when failure.GetType() == typeof(SecurityTokenValidationException) => (InvalidToken, message),
        _ => (InvalidToken, "The token could not be read or validated (malformed, not yet valid, without expiry, or an algorithm not accepted)."),
    };

    /// <summary>The key of one <c>SigningKeys</c> entry; null with <paramref name="error"/> when it cannot be read.</summary>
    public static SecurityKey? ReadKey(SigningKeyOptions options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        error = null;
        byte[] spki;
        try
        {
            spki = PublicKeyInfo(options.PublicKey);
        }
        catch (FormatException)
        {
            error = "is neither a PEM public key nor base64";
            return null;
        }
        try
        {
            var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(spki, out _);
            return new ECDsaSecurityKey(ec) { KeyId = options.Id };
        }
        catch (CryptographicException)
        {
            // Not an EC key: perhaps RSA.
        }
        try
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            if (rsa.KeySize < 2048)
            {
                error = $"is an RSA key of {rsa.KeySize} bits; at least 2048 are needed";
                return null;
            }
            return new RsaSecurityKey(rsa) { KeyId = options.Id };
        }
        catch (CryptographicException)
        {
            error = "is not an EC or RSA public key (SubjectPublicKeyInfo)";
            return null;
        }
    }

    /// <summary>The DER SubjectPublicKeyInfo of a PEM block or a bare base64 body.</summary>
    public static byte[] PublicKeyInfo(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("empty");
        if (PemEncoding.TryFind(text, out var pem))
        {
            if (!text.AsSpan()[pem.Label].SequenceEqual("PUBLIC KEY")) throw new FormatException("not a PUBLIC KEY block");
            return Convert.FromBase64String(text[pem.Base64Data]);
        }
        return Convert.FromBase64String(text.Trim());
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex StaffId();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DepartmentKey();
}

/// <summary>Start-up validation of <c>Trust:Tokens</c>, naming each wrong setting.</summary>
internal sealed class PersonTokenOptionsValidator : IValidateOptions<PersonTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonTokenOptions options)
    {
        const string section = PersonTokenOptions.SectionName;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer)) errors.Add($"{section}:Issuer is empty: name the issuer (iss) of people's tokens.");
        if (string.IsNullOrWhiteSpace(options.Audience)) errors.Add($"{section}:Audience is empty: name this hub as the tokens' audience (aud).");
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5)) errors.Add($"{section}:ClockSkew must be between 00:00:00 and 00:05:00.");
        if (options.SigningKeys.Count == 0) errors.Add($"{section}:SigningKeys is empty: no person could ever sign in.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            if (string.IsNullOrWhiteSpace(key.Id)) errors.Add($"{section}:SigningKeys:{i}:Id is empty.");
            else if (!ids.Add(key.Id)) errors.Add($"{section}:SigningKeys:{i}:Id '{key.Id}' is used by an earlier key.");
            if (PersonTokens.ReadKey(key, out var error) is null) errors.Add($"{section}:SigningKeys:{i}:PublicKey {error}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
