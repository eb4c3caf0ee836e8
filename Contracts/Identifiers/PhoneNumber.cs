using System.Diagnostics.CodeAnalysis;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// Azerbaijani phone number in international form: <c>+994</c> and 9 digits. Spaces, hyphens and
/// parentheses are accepted on input and dropped; the canonical form has none.
/// </summary>
[JsonConverter(typeof(IdentifierJsonConverter<PhoneNumber>))]
public sealed record PhoneNumber : IdentifierRecord<PhoneNumber>, IIdentifier<PhoneNumber>
{
    private PhoneNumber(string value) : base(value) { }

    public static string Kind => "phone number";

    public string Masked => $"+994*****{Value[^4..]}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out PhoneNumber? value, [NotNullWhen(false)] out string? error) =>
        TryCreate(text, Invalid, t => new PhoneNumber(Canonical(t)), out value, out error);

    private static string Canonical(string text) => string.Concat(text.Where(c => c is not (' ' or '-' or '(' or ')')));

    private static string? Invalid(string text)
    {
        var t = Canonical(text);
        if (!t.StartsWith("+994", StringComparison.Ordinal)) return "phone number must start with +994 (the international form).";
        var rest = t[4..];
        return Identifier.FirstInvalid(rest, char.IsAsciiDigit, "phone number after +994", "digits 0-9")
            ?? (rest.Length != 9 ? $"phone number must have 9 digits after +994; got {rest.Length}." : null);
    }
}
