using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// Personal identification number (FİN): 7 characters, digits and upper-case Latin letters
/// except I and O. There is no public checksum, so shape is all that can be checked.
/// </summary>
[JsonConverter(typeof(IdentifierJsonConverter<Fin>))]
public sealed record Fin : IIdentifier<Fin>, IComparable<Fin>
{
    private Fin(string value) => Value = value;

    public string Value { get; }

    public static string Kind => "FIN";

    /// <summary>A form safe for logs: first and last character only.</summary>
    public string Masked => $"{Value[0]}*****{Value[^1]}";

    public static Fin Parse(string? text) => Identifier.Parse<Fin>(text);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Fin? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = Identifier.Blank(text, Kind);
        if (error is not null) return false;
        var t = text!;
        if (t.Length != 7)
        {
            error = $"FIN must be exactly 7 characters; got {t.Length}.";
            return false;
        }
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (c is 'I' or 'O')
            {
                error = $"FIN contains '{c}' at position {i + 1}; the letters I and O are never used in a FIN.";
                return false;
            }
            if (c is >= 'a' and <= 'z')
            {
                error = $"FIN contains lower-case '{c}' at position {i + 1}; FINs are upper-case.";
                return false;
            }
            if (c is not ((>= '0' and <= '9') or (>= 'A' and <= 'Z')))
            {
                error = $"FIN contains '{c}' at position {i + 1}; allowed: digits and Latin letters A-Z except I and O.";
                return false;
            }
        }
        value = new Fin(t);
        return true;
    }

    public int CompareTo(Fin? other) => string.CompareOrdinal(Value, other?.Value);

    public override string ToString() => Value;
}
