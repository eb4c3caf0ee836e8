using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// The TLS side of an agency's settings: the client certificate the hub presents (mutual TLS) and the certificate
/// authorities it trusts for the registry's server certificate.
/// </summary>
public static class AgencyTls
{
    /// <summary>
    /// Sets <paramref name="agency"/>'s client certificate and trusted authorities on the client's primary handler.
    /// Called for every new handler (the factory renews them every two minutes), so a replaced certificate file is
    /// picked up without a restart.
    /// </summary>
    public static void Configure(HttpMessageHandler primary, AgencyOptions agency)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(agency);
        var certificate = agency.Authentication.ParsedKind == AgencyAuthenticationKind.ClientCertificate
            ? LoadClientCertificate(agency.Authentication)
            : null;
        var authorities = string.IsNullOrEmpty(agency.TrustedCaFile) ? null : LoadAuthorities(agency.TrustedCaFile);
        if (certificate is null && authorities is null) return;

        switch (primary)
        {
            case HttpClientHandler handler:
                if (certificate is not null)
                {
                    handler.ClientCertificateOptions = ClientCertificateOption.Manual;
                    handler.ClientCertificates.Add(certificate);
                }
                if (authorities is not null)
                {
                    handler.ServerCertificateCustomValidationCallback = (_, server, chain, errors) => IsTrusted(server, chain, errors, authorities);
                }
                break;
            case SocketsHttpHandler handler:
                if (certificate is not null)
                {
                    handler.SslOptions.ClientCertificates = [certificate];
                }
                if (authorities is not null)
                {
                    handler.SslOptions.RemoteCertificateValidationCallback = (_, server, chain, errors) =>
                        IsTrusted(server as X509Certificate2, chain, errors, authorities);
                }
                break;
            default:
                throw new InvalidOperationException(
                    $"The agency client's primary handler is a {primary.GetType().Name}; a client certificate or trusted CA file needs an HttpClientHandler or a SocketsHttpHandler.");
        }
    }

    /// <summary>The client certificate with its private key: a PKCS#12 file, or a PEM certificate with a PEM key file.</summary>
    public static X509Certificate2 LoadClientCertificate(AgencyAuthenticationOptions authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var file = authentication.CertificateFile ?? throw new InvalidOperationException("No client certificate file is configured.");
        if (string.IsNullOrEmpty(authentication.KeyFile))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(file, authentication.CertificatePassword);
        }
        using var pem = string.IsNullOrEmpty(authentication.CertificatePassword)
            ? X509Certificate2.CreateFromPemFile(file, authentication.KeyFile)
            : X509Certificate2.CreateFromEncryptedPemFile(file, authentication.CertificatePassword, authentication.KeyFile);
        // A PEM key is ephemeral; TLS stacks that keep keys in a key store (Windows') refuse ephemeral keys for client
        // authentication, so the pair goes through PKCS#12 once.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The certificate authorities in a PEM file.</summary>
    public static X509Certificate2Collection LoadAuthorities(string file)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(file);
        return authorities;
    }

    /// <summary>
    /// The server certificate chains to one of <paramref name="authorities"/> (and to nothing else: the machine's store
    /// does not count) and names the host. Revocation is not checked: a private CA rarely publishes revocation lists
    /// where the hub can reach them, and an unreachable list would fail every call.
    /// </summary>
    private static bool IsTrusted(X509Certificate2? server, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (server is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the server sent along.
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return chain.Build(server);
    }
}
