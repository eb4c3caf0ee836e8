using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>
/// A certificate authority made for one test, with a server certificate for 127.0.0.1 and a client certificate, and
/// the files an operator would configure: the CA as PEM, the client as PKCS#12 and as a PEM certificate and key.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private TestPki(string name)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ih-pki-").FullName;
        // Certificates must be valid when the handshake happens, so their validity follows the machine's clock.
        var now = TimeProvider.System.GetUtcNow();
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} CA", authorityKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Authority = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        Server = Issue("CN=127.0.0.1", ServerAuth, now, san: true);
        Client = Issue($"CN={name} hub", ClientAuth, now, san: false);

        AuthorityPemFile = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(AuthorityPemFile, Authority.ExportCertificatePem());
        ClientPkcs12File = Path.Combine(Directory, "hub.pfx");
        File.WriteAllBytes(ClientPkcs12File, Client.Export(X509ContentType.Pkcs12, ClientPassword));
        ClientPemFile = Path.Combine(Directory, "hub.crt");
        File.WriteAllText(ClientPemFile, Client.ExportCertificatePem());
        ClientKeyFile = Path.Combine(Directory, "hub.key");
        File.WriteAllText(ClientKeyFile, Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string AuthorityPemFile { get; }

    public string ClientPkcs12File { get; }

    /// <summary>The PKCS#12 file's password (a secret in a test's eyes: it must never be logged).</summary>
    public string ClientPassword { get; } = "pfx-" + Guid.NewGuid().ToString("N");

    public string ClientPemFile { get; }

    public string ClientKeyFile { get; }

    public static TestPki Create(string name) => new(name);

    /// <summary>True when <paramref name="certificate"/> was issued by this authority (how the stub decides whom to let in).</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private X509Certificate2 Issue(string subject, string usage, DateTimeOffset now, bool san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        if (san)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        using var issued = request.Create(Authority, now.AddDays(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so the key is not ephemeral (a TLS server needs a persisted key on some platforms).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        Client.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
