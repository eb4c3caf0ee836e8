using System.Diagnostics.CodeAnalysis;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// Identity card number: <c>AZE</c> + 8 digits (cards issued 2012-2018) or <c>AA</c> + 7 digits
/// (cards issued from September 2018).
/// </summary>
[JsonConverter(typeof(IdentifierJsonConverter<IdCardNumber>))]
public sealed record IdCardNumber : IdentifierRecord<IdCardNumber>, IIdentifier<IdCardNumber>
{
    private IdCardNumber(string value) : base(value) { }

    public static string Kind => "ID card number";

    /// <summary>True for the cards issued from September 2018 (AA series).</summary>
    public bool IsNewSeries => Value.StartsWith("AA", StringComparison.Ordinal);

    public string Masked => $"{Value[..(IsNewSeries ? 2 : 3)]}*****{Value[^2..]}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out IdCardNumber? value, [NotNullWhen(false)] out string? error) =>
        TryCreate(text, Invalid, t => new IdCardNumber(t), out value, out error);

    private static string? Invalid(string t)
    {
        var (prefix, expected) = t.StartsWith("AZE", StringComparison.Ordinal) ? ("AZE", 8)
            : t.StartsWith("AA", StringComparison.Ordinal) ? ("AA", 7)
            : (null, 0);
        if (prefix is null) return "ID card number must start with 'AZE' (cards of 2012-2018) or 'AA' (cards from September 2018).";
        var digits = t[prefix.Length..];
        return digits.Length != expected
            ? $"ID card number with prefix '{prefix}' must have {expected} digits after it; got {digits.Length}."
            : Identifier.FirstInvalid(digits, char.IsAsciiDigit, Kind + " after its prefix", "digits 0-9");
    }
}
