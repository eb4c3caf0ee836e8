using System.Security.Cryptography;

namespace IntegrationHub.Mocks.LifeEvents;

/// <summary>
/// How the mock agencies sign their events: ECDSA P-256 over SHA-256 of the body exactly as sent, IEEE P1363 (r‖s),
/// base64, with the key named by its id (docs/life-events.md). DEVELOPMENT ONLY: the private keys are published here
/// so the mock country (and tests) can sign; the hub's shipped settings trust their public halves, and outside
/// Development the hub refuses to start while they do.
/// </summary>
public static class AgencyEventSigner
{
    // PKCS#8, EC P-256, by agency key. Published on purpose: see the class comment.
    private static readonly Dictionary<string, string> PrivateKeys = new(StringComparer.Ordinal)
    {
        ["population"] = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgqv87GSSWL5Hc/Q7xVHnQJnPirIjZq5zvDiu7McSvODOhRANCAATMiEUQrHiOU4ttPv/+9ZUTohiasXD//Kr8flGIxi1XV3TRPbfEnG4NftWfo7XdA9u5EPqv6I5XMyek8GeeS9Bu",
        ["civil-registry"] = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgkEFCJGkxU+1x/bRRqy8DC4KDplLDfSkOKYrXRH/o0mihRANCAAR33wrVBzJ12OERGyJsRijAfJNhcENo22GeKf7P1yHU4M+0Nlqc/0epHmZ83/2Q7Ro0f4OQ0lXKhBFSzYnEBllT",
        ["labour-contracts"] = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgh9e42M2Q8+PDX96yk0UKQp834tuWeg8UtgslR9azJDmhRANCAAQs6Q3NQizAxtq1fEZykou5Ohw/rRUE3bi74Ia8MyRqAM37GOY5nMgN0u0mTaTbOmseaEItib0+KvFKBOc1R/I8",
        ["disability-registry"] = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHUCPekQQN/ER4d+krwQWngojLKjsKYbJm9CQgfz6pWOhRANCAAQQhh9SH4KHChMpVFPvlgNd/+udlmEXQyhfZw8721nN72Pyb69zb8U89wfinLZSbnxufkOdbg3IiA4VF97eTGuR",
        ["social-fund"] = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoGyeszxd05y4dmN8HQP8gsrIBdgx6cUIWG+bmyd0blWhRANCAARMCsDR0eOTMl0uYOGfCXEBiQTsCZ5Q3usrYILjpY2TZcNjDXFeHt8uqDE6oF8goj5o7FTsEFeyAf1ljTTDxsk5",
    };

    /// <summary>The agencies that have a development key.</summary>
    public static IReadOnlyCollection<string> Agencies => PrivateKeys.Keys;

    /// <summary>The id under which the hub's development settings know <paramref name="agency"/>'s key.</summary>
    public static string KeyId(string agency) => agency + "-development";

    /// <summary>The signature of <paramref name="body"/> by <paramref name="agency"/>'s development key, base64.</summary>
    public static string Sign(string agency, ReadOnlySpan<byte> body)
    {
        if (!PrivateKeys.TryGetValue(agency, out var key)) throw new ArgumentException($"No development event key for agency '{agency}'.", nameof(agency));
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(key), out _);
        return Convert.ToBase64String(ecdsa.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }
}
