using System.Security.Cryptography;

namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>
/// The agencies' public keys, by key id: ECDSA P-256 over SHA-256 of the request body exactly as sent, the signature
/// in IEEE P1363 form (r‖s, 64 bytes), base64 (docs/trust.md says why ECDSA and not a shared HMAC secret). The hub
/// holds public halves only, so nothing in its configuration lets anyone sign as an agency.
/// </summary>
public sealed class AgencyEventKeys
{
    private readonly Dictionary<string, (string Agency, byte[] PublicKeyInfo)> _byId = new(StringComparer.Ordinal);

    public AgencyEventKeys(IOptions<LifeEventOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (agency, source) in options.Value.Sources)
        {
            foreach (var key in source.Keys)
            {
                // Validated at start-up: every key parses.
                if (TryParsePublicKey(key.PublicKey, out var info, out _)) _byId[key.Id] = (agency.ToLowerInvariant(), info);
            }
        }
    }

    /// <summary>The agency whose key this is; null for a key id the hub does not know.</summary>
    public string? AgencyOf(string keyId) => _byId.TryGetValue(keyId, out var key) ? key.Agency : null;

    /// <summary>True when <paramref name="signature"/> (P1363) over <paramref name="body"/> verifies with the key <paramref name="keyId"/>.</summary>
    public bool Verify(string keyId, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signature)
    {
        if (!_byId.TryGetValue(keyId, out var key)) return false;
        // A new instance per check: an ECDsa object is not documented as safe to share between threads.
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(key.PublicKeyInfo, out _);
        return ecdsa.VerifyData(body, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>An EC P-256 public key from PEM or base64 SubjectPublicKeyInfo, as its DER; false with why not.</summary>
    public static bool TryParsePublicKey(string? text, out byte[] publicKeyInfo, out string error)
    {
        publicKeyInfo = [];
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty: give the agency's EC P-256 public key (PEM or base64 SubjectPublicKeyInfo).";
            return false;
        }
        try
        {
            using var ecdsa = ECDsa.Create();
            if (text.Contains("-----BEGIN", StringComparison.Ordinal)) ecdsa.ImportFromPem(text);
            else ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text.Trim()), out _);
            if (ecdsa.KeySize != 256 || ecdsa.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                error = "is not an EC P-256 key.";
                return false;
            }
            publicKeyInfo = ecdsa.ExportSubjectPublicKeyInfo();
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            error = "cannot be read as an EC P-256 public key (PEM or base64 SubjectPublicKeyInfo): " + e.Message;
            return false;
        }
    }
}
