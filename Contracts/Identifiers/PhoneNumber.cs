using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// Azerbaijani phone number in international form: <c>+994</c> and 9 digits. Spaces, hyphens and
/// parentheses are accepted on input and dropped; the canonical form has none.
/// </summary>
[JsonConverter(typeof(IdentifierJsonConverter<PhoneNumber>))]
public sealed record PhoneNumber : IIdentifier<PhoneNumber>
{
    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    public static string Kind => "phone number";

    public string Masked => $"+994*****{Value[^4..]}";

    public static PhoneNumber Parse(string? text) => Identifier.Parse<PhoneNumber>(text);

    public static bool TryParse(string? text, [NotNullWhen(true)] out PhoneNumber? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = Identifier.Blank(text, Kind);
        if (error is not null) return false;
        var t = string.Concat(text!.Where(c => c is not (' ' or '-' or '(' or ')')));
        if (!t.StartsWith("+994", StringComparison.Ordinal))
        {
            error = "phone number must start with +994 (the international form).";
            return false;
        }
        var rest = t[4..];
        error = Identifier.FirstInvalid(rest, char.IsAsciiDigit, "phone number after +994", "digits 0-9");
        if (error is not null) return false;
        if (rest.Length != 9)
        {
            error = $"phone number must have 9 digits after +994; got {rest.Length}.";
            return false;
        }
        value = new PhoneNumber(t);
        return true;
    }

    public override string ToString() => Value;
}
