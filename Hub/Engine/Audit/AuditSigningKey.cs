using System.Security.Cryptography;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// The hub's own ECDSA P-256 key for audit checkpoints: from <c>Audit:SigningKey</c>, or generated once into the
/// data directory. Signatures are over SHA-256, in the IEEE P1363 form (r ‖ s, 64 bytes), base64: what other
/// platforms' verifiers take without conversion. The public half is published (PEM, SubjectPublicKeyInfo) with
/// a key id, the first 16 hex digits of the SHA-256 of its DER bytes.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    public const string Algorithm = "ECDSA P-256 with SHA-256; signature IEEE P1363 (r||s), base64";

    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key, bool canSign, string source)
    {
        _key = key;
        CanSign = canSign;
        Source = source;
        var publicKey = key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", publicKey);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];
    }

    public string KeyId { get; }

    public string PublicKeyPem { get; }

    /// <summary>Where the key came from (the setting, or the key file's path), for messages.</summary>
    public string Source { get; }

    public bool CanSign { get; }

    /// <summary>True when the private key lives in the data directory beside the log it vouches for.</summary>
    public bool InDataDirectory { get; private init; }

    /// <summary>The hub's key: the configured one, or the one in the data directory, generated there the first time.</summary>
    public static AuditSigningKey LoadOrCreate(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.SigningKey)) return FromPrivatePem(options.SigningKey, "Audit:SigningKey");
        var path = Path.GetFullPath(options.SigningKeyFilePath);
        if (!File.Exists(path))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pem = created.ExportPkcs8PrivateKeyPem();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                // Readable by the hub's user alone; CreateNew, so two instances starting together keep one key.
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, create);
                using (var writer = new StreamWriter(file)) writer.Write(pem);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance wrote it first: use theirs.
            }
        }
        return FromPrivatePem(File.ReadAllText(path), path, inDataDirectory: true);
    }

    /// <summary>
    /// The key a verifier checks with: <c>Audit:PublicKey</c> when an auditor gives the one they trust, else the
    /// public half of the hub's key (configured or in the data directory); null when there is none.
    /// </summary>
    public static AuditSigningKey? ForVerification(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.PublicKey))
        {
            var key = ECDsa.Create();
            key.ImportFromPem(options.PublicKey);
            return new AuditSigningKey(key, canSign: false, "Audit:PublicKey");
        }
        if (!string.IsNullOrWhiteSpace(options.SigningKey)) return FromPrivatePem(options.SigningKey, "Audit:SigningKey");
        var path = Path.GetFullPath(options.SigningKeyFilePath);
        return File.Exists(path) ? FromPrivatePem(File.ReadAllText(path), path, inDataDirectory: true) : null;
    }

    private static AuditSigningKey FromPrivatePem(string pem, string source, bool inDataDirectory = false)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256) throw new CryptographicException($"the key has {key.KeySize} bits; a P-256 key is needed");
            // A public key alone cannot sign: fail now, not at the first checkpoint.
            key.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new InvalidOperationException($"{source} is not an ECDSA P-256 private key in PEM form: {e.Message}", e);
        }
        return new AuditSigningKey(key, canSign: true, source) { InDataDirectory = inDataDirectory };
    }

    public string Sign(ReadOnlySpan<byte> data)
    {
        if (!CanSign) throw new InvalidOperationException("This key only verifies.");
        return Convert.ToBase64String(_key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public bool Verify(ReadOnlySpan<byte> data, string signature)
    {
        var bytes = new byte[64];
        return Convert.TryFromBase64String(signature ?? "", bytes, out var written) && written == 64
            && _key.VerifyData(data, bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => _key.Dispose();
}
