namespace IntegrationHub.Adapters.Common;

/// <summary>
/// How the hub proves who it is to one registry (section <c>Agencies:{key}:Authentication</c>). Secret values
/// (<see cref="Key"/>, <see cref="ClientSecret"/>, <see cref="CertificatePassword"/>) come from configuration kept
/// outside the repository (environment variables such as <c>Agencies__tax__Authentication__ClientSecret</c>, a secret
/// store) and are never logged. Validated at start-up by <see cref="AgencyOptionsValidator"/>.
/// </summary>
public sealed class AgencyAuthenticationOptions
{
    /// <summary><c>None</c> (the default), <c>ApiKey</c>, <c>BearerToken</c> or <c>ClientCertificate</c> (see <see cref="AgencyAuthenticationKind"/>).</summary>
    /// <remarks>
    /// Text rather than the enum: the configuration binder reads "ApiKey,BearerToken" as a bitwise OR of two kinds (which
    /// is a third), and "2" as a kind; the validator accepts the names only.
    /// </remarks>
    public string Kind { get; set; } = nameof(AgencyAuthenticationKind.None);

    /// <summary><c>ApiKey</c>: the request header that carries the key, e.g. <c>X-Api-Key</c>.</summary>
    public string? HeaderName { get; set; }

    /// <summary><c>ApiKey</c>: the key, sent as the header's whole value (a secret).</summary>
    public string? Key { get; set; }

    /// <summary><c>BearerToken</c>: the registry's OAuth 2.0 token endpoint (client credentials grant).</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary><c>BearerToken</c>: the hub's client id at the token endpoint.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>BearerToken</c>: the hub's client secret (a secret).</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>BearerToken</c>: the scope to ask for, space-separated; none when empty.</summary>
    public string? Scope { get; set; }

    /// <summary>
    /// <c>ClientCertificate</c>: the hub's certificate, either a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>: certificate and key,
    /// opened with <see cref="CertificatePassword"/>) or, with <see cref="KeyFile"/>, a PEM certificate.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary><c>ClientCertificate</c>: the PEM private key of a PEM <see cref="CertificateFile"/> (encrypted when <see cref="CertificatePassword"/> is set).</summary>
    public string? KeyFile { get; set; }

    /// <summary><c>ClientCertificate</c>: the password of the PKCS#12 file or of the encrypted PEM key (a secret).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The kind named by <see cref="Kind"/>; false for anything but one of the names (case aside).</summary>
    public static bool TryParseKind(string? text, out AgencyAuthenticationKind kind)
    {
        foreach (var value in Enum.GetValues<AgencyAuthenticationKind>())
        {
            if (string.Equals(text, value.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = value;
                return true;
            }
        }
        kind = AgencyAuthenticationKind.None;
        return false;
    }

    /// <summary>The validated kind (start-up validation has refused any other text).</summary>
    public AgencyAuthenticationKind ParsedKind =>
        TryParseKind(Kind, out var kind) ? kind : throw new InvalidOperationException($"Unknown authentication kind '{Kind}'.");
}

/// <summary>How the hub authenticates to a registry.</summary>
public enum AgencyAuthenticationKind
{
    /// <summary>Nothing beyond the network path (the mocks; a registry reached over a private link).</summary>
    None,

    /// <summary>A fixed key in a request header.</summary>
    ApiKey,

    /// <summary>An OAuth 2.0 access token from the registry's token endpoint (client credentials), in <c>Authorization: Bearer</c>.</summary>
    BearerToken,

    /// <summary>Mutual TLS: the hub presents a client certificate in the TLS handshake.</summary>
    ClientCertificate,
}
