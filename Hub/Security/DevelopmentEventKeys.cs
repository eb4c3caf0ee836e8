using IntegrationHub.Hub.Engine.LifeEvents;

namespace IntegrationHub.Hub.Security;

/// <summary>
/// The mock agencies' event keys (Mocks/LifeEvents/AgencyEventSigner.cs holds their private halves, published on
/// purpose so the mock country can sign its events). The shipped <c>LifeEvents:Sources</c> trusts these public halves;
/// outside Development the hub refuses to start while it does (<see cref="Hosting.DeploymentGuard"/>), since anyone can
/// sign an event as any agency with them.
/// </summary>
public static class DevelopmentEventKeys
{
    /// <summary>By agency key: the public half (base64 SubjectPublicKeyInfo, EC P-256).</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["population"] = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEzIhFEKx4jlOLbT7//vWVE6IYmrFw//yq/H5RiMYtV1d00T23xJxuDX7Vn6O13QPbuRD6r+iOVzMnpPBnnkvQbg==",
        ["civil-registry"] = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEd98K1QcyddjhERsibEYowHyTYXBDaNthnin+z9ch1ODPtDZanP9HqR5mfN/9kO0aNH+DkNJVyoQRUs2JxAZZUw==",
        ["labour-contracts"] = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELOkNzUIswMbatXxGcpKLuTocP60VBN24u+CGvDMkagDN+xjmOZzIDdLtJk2k2zprHmhCLYm9PirxSgTnNUfyPA==",
        ["disability-registry"] = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEIYfUh+ChwoTKVRT75YDXf/rnZZhF0MoX2cPO9tZze9j8m+vc2/FPPcH4py2Um58bn5DnW4NyIgOFRfe3kxrkQ==",
        ["social-fund"] = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETArA0dHjkzJdLmDhnwlxAYkE7AmeUN7rK2CC46WNk2XDYw1xXh7fLqgxOqBfIKI+aOxU7BBXsgH9ZY00w8bJOQ==",
    };

    /// <summary>True when <paramref name="publicKey"/> (PEM or base64) is one of the development keys.</summary>
    public static bool IsDevelopmentKey(string? publicKey) =>
        AgencyEventKeys.TryParsePublicKey(publicKey, out var info, out _)
        && PublicKeys.Values.Any(k => Convert.FromBase64String(k).AsSpan().SequenceEqual(info));
}
