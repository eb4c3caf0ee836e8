using System.Diagnostics.CodeAnalysis;
using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.ContactCentre.Calls;

/// <summary>
/// The number a call came from, as the telephony system gives it: an Azerbaijani number (<see cref="PhoneNumber"/>,
/// +994 and 9 digits) or a foreign one in international form (+, 7-15 digits). It is personal data: logs carry
/// <see cref="Masked"/> only.
/// </summary>
public sealed record CallerNumber
{
    private CallerNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>The last four digits, for logs and lists.</summary>
    public string Masked => Mask(Value);

    public static string Mask(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length <= 4 ? "****" : number[..Math.Min(4, number.Length - 4)] + "*****" + number[^4..];
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CallerNumber? number, [NotNullWhen(false)] out string? error)
    {
        number = null;
        if (PhoneNumber.TryParse(text, out var phone, out error))
        {
            number = new CallerNumber(phone.Value);
            return true;
        }
        var t = string.Concat((text ?? "").Where(c => c is not (' ' or '-' or '(' or ')')));
        // A foreign caller: any international number but Azerbaijan's, whose rule PhoneNumber already gave.
        if (t.Length is >= 8 and <= 16 && t[0] == '+' && t[1] != '0' && t.Skip(1).All(char.IsAsciiDigit) && !t.StartsWith("+994", StringComparison.Ordinal))
        {
            number = new CallerNumber(t);
            error = null;
            return true;
        }
        error = t.StartsWith("+994", StringComparison.Ordinal) ? error : "callerNumber must be in international form: +994 and 9 digits, or + and 7-15 digits for a foreign number.";
        return false;
    }

    public override string ToString() => Value;
}
