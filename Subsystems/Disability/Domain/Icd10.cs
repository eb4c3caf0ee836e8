using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace IntegrationHub.Disability.Domain;

/// <summary>
/// An ICD-10 code as a referral carries it: a category (letter + two digits, e.g. <c>I63</c>) with an optional
/// subdivision after a dot (<c>I63.9</c>, <c>S72.00</c>). Shape only: the module does not hold the WHO list.
/// </summary>
public static partial class Icd10
{
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? code, [NotNullWhen(false)] out string? error)
    {
        code = null;
        var t = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(t))
        {
            error = "An ICD-10 code is blank.";
            return false;
        }
        if (!Shape().IsMatch(t))
        {
            error = $"'{Truncate(t)}' is not an ICD-10 code: a letter, two digits, and optionally a dot with 1-4 digits or letters (e.g. I63.9).";
            return false;
        }
        code = t;
        error = null;
        return true;
    }

    private static string Truncate(string t) => t.Length <= 16 ? t : t[..16] + "…";

    [GeneratedRegex("^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
