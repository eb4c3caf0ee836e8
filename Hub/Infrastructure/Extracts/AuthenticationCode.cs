using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace IntegrationHub.Extracts;

/// <summary>
/// The code printed on an extract, by which an organisation verifies it: 20 symbols drawn uniformly by a
/// cryptographic generator from 30 that cannot be mistaken for one another when read aloud or retyped
/// (no 0/O, 1/I/L, U/V), i.e. 20 × log2(30) ≈ 98 bits, shown in groups of five.
/// </summary>
public static class AuthenticationCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 20;
    public const int GroupSize = 5;

    /// <summary>Entropy of one code in bits.</summary>
    public static double Bits => Length * Math.Log2(Alphabet.Length);

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>Groups of five joined by hyphens, as printed.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('-', code.Chunk(GroupSize).Select(c => new string(c)));
    }

    /// <summary>Accepts the printed form or the bare symbols, any case, with spaces or hyphens.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64) return false;
        var symbols = new string(text.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant).ToArray());
        if (symbols.Length != Length || symbols.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal))) return false;
        code = symbols;
        return true;
    }
}
