using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationHub.Hub.Security;

/// <summary>
/// A person a token is minted for: a role of <see cref="CallerRoles.PersonRoles"/>, the subject, a doctor's clinic, a
/// contact-centre operator's or supervisor's department, a post-office member of staff's office, an employer officer's VÖEN.
/// </summary>
public sealed record PersonTokenRequest(string Role, string Subject, string? Clinic = null, string? Department = null, string? Office = null, string? Voen = null);

/// <summary>
/// The development issuer: stands in for the national single sign-on in the default mode, so a developer can act
/// as a sample citizen or officer (<c>dotnet run --project Hub -- token citizen WDT8LT0</c>).
/// <para>
/// DEVELOPMENT ONLY. Its private key is published here, so anyone can mint any person's token with it. The
/// shipped <c>Trust:Tokens</c> trusts its public half; outside Development the hub refuses to start while it
/// does (<see cref="Hosting.DeploymentGuard"/>).
/// </para>
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "https://sso.development.integrationhub.invalid";

    public const string KeyId = "development-only";

    /// <summary>The public half, as <c>Trust:Tokens:SigningKeys</c> holds it (base64 SubjectPublicKeyInfo, EC P-256).</summary>
    public const string PublicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeEpXvmh3oXLBg1DFrVMor1hfQHJ1s82GD/GOAo5IaSYIGPqkdwElpE2gnetbIp2e4qqofdOfN7qkJZeTZMo0eQ==";

    // PKCS#8, EC P-256. Published on purpose: see the class comment.
    private const string PrivateKey = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvlqfdtsA7zGIgIajq4SYZfFdNcfOHDUcyBtiOALbjn+hRANCAAR4Sle+aHehcsGDUMWtUyivWF9AcnWzzYYP8Y4CjkhpJggY+qR3ASWkTaCd61sinZ7iqqh90583uqQll5NkyjR5";

    /// <summary>How long a minted token lasts unless told otherwise: a working day.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    /// <summary>The development signing key (private), with its key id.</summary>
    public static ECDsaSecurityKey SigningKey()
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(PrivateKey), out _);
        return new ECDsaSecurityKey(key) { KeyId = KeyId };
    }

    /// <summary>True when <paramref name="publicKey"/> (PEM or base64) is the development key's public half.</summary>
    public static bool IsDevelopmentKey(string? publicKey)
    {
        if (string.IsNullOrWhiteSpace(publicKey)) return false;
        try
        {
            return PersonTokens.PublicKeyInfo(publicKey).AsSpan().SequenceEqual(Convert.FromBase64String(PublicKey));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A token from the development issuer for <paramref name="audience"/>, valid from the clock's now.</summary>
    public static string Mint(PersonTokenRequest person, string audience, TimeProvider time, TimeSpan? lifetime = null) =>
        Mint(person, SigningKey(), Issuer, audience, time.GetUtcNow(), lifetime ?? DefaultLifetime);

    /// <summary>
    /// A signed token for <paramref name="person"/> with any key and issuer: what the single sign-on would issue
    /// (<c>sub</c>, <c>role</c>, a doctor's <c>clinic</c>, an operator's <c>department</c>, a post office's <c>office</c>, an employer officer's <c>voen</c>, <c>iat</c>/<c>nbf</c>/<c>exp</c>). ES256 for an EC P-256 key, RS256 for RSA.
    /// </summary>
    public static string Mint(PersonTokenRequest person, SecurityKey key, string issuer, string audience, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(key);
        var claims = new Dictionary<string, object> { [PersonClaims.Subject] = person.Subject, [PersonClaims.Role] = person.Role };
        if (person.Clinic is not null) claims[PersonClaims.Clinic] = person.Clinic;
        if (person.Department is not null) claims[PersonClaims.Department] = person.Department;
        if (person.Office is not null) claims[PersonClaims.Office] = person.Office;
        if (person.Voen is not null) claims[PersonClaims.Voen] = person.Voen;
        var algorithm = key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
