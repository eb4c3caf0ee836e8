using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// Identity card number: <c>AZE</c> + 8 digits (cards issued 2012-2018) or <c>AA</c> + 7 digits
/// (cards issued from September 2018).
/// </summary>
[JsonConverter(typeof(IdentifierJsonConverter<IdCardNumber>))]
public sealed record IdCardNumber : IIdentifier<IdCardNumber>
{
    private IdCardNumber(string value) => Value = value;

    public string Value { get; }

    public static string Kind => "ID card number";

    /// <summary>True for the cards issued from September 2018 (AA series).</summary>
    public bool IsNewSeries => Value.StartsWith("AA", StringComparison.Ordinal);

    public string Masked => $"{Value[..(IsNewSeries ? 2 : 3)]}*****{Value[^2..]}";

    public static IdCardNumber Parse(string? text) => Identifier.Parse<IdCardNumber>(text);

    public static bool TryParse(string? text, [NotNullWhen(true)] out IdCardNumber? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = Identifier.Blank(text, Kind);
        if (error is not null) return false;
        var t = text!;
        string digits;
        int expected;
        if (t.StartsWith("AZE", StringComparison.Ordinal))
        {
            digits = t[3..];
            expected = 8;
        }
        else if (t.StartsWith("AA", StringComparison.Ordinal))
        {
            digits = t[2..];
            expected = 7;
        }
        else
        {
            error = "ID card number must start with 'AZE' (cards of 2012-2018) or 'AA' (cards from September 2018).";
            return false;
        }
        var prefix = t[..^digits.Length];
        if (digits.Length != expected)
        {
            error = $"ID card number with prefix '{prefix}' must have {expected} digits after it; got {digits.Length}.";
            return false;
        }
        error = Identifier.FirstInvalid(digits, char.IsAsciiDigit, Kind + " after its prefix", "digits 0-9");
        if (error is not null) return false;
        value = new IdCardNumber(t);
        return true;
    }

    public override string ToString() => Value;
}
