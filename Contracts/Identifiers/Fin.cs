using System.Diagnostics.CodeAnalysis;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// Personal identification number (FİN): 7 characters, digits and upper-case Latin letters
/// except I and O. There is no public checksum, so shape is all that can be checked.
/// </summary>
[JsonConverter(typeof(IdentifierJsonConverter<Fin>))]
public sealed record Fin : IdentifierRecord<Fin>, IIdentifier<Fin>, IComparable<Fin>
{
    private Fin(string value) : base(value) { }

    public static string Kind => "FIN";

    /// <summary>A form safe for logs: first and last character only.</summary>
    public string Masked => $"{Value[0]}*****{Value[^1]}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Fin? value, [NotNullWhen(false)] out string? error) =>
        TryCreate(text, Invalid, t => new Fin(t), out value, out error);

    public int CompareTo(Fin? other) => string.CompareOrdinal(Value, other?.Value);

    private static string? Invalid(string t)
    {
        if (t.Length != 7) return $"FIN must be exactly 7 characters; got {t.Length}.";
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c is 'I' or 'O') return $"FIN contains '{c}' at position {i + 1}; the letters I and O are never used in a FIN.";
            if (c is >= 'a' and <= 'z') return $"FIN contains lower-case '{c}' at position {i + 1}; FINs are upper-case.";
            if (c is not ((>= '0' and <= '9') or (>= 'A' and <= 'Z')))
            {
                return $"FIN contains '{c}' at position {i + 1}; allowed: digits and Latin letters A-Z except I and O.";
            }
        }
        return null;
    }
}
