using System.Globalization;

namespace IntegrationHub.Contracts.Text;

/// <summary>
/// Which characters a caller's free text may hold. Identifiers and names the hub stores or logs (case numbers,
/// clinic names, officers) are one line of printable text: a control character (CR, LF, NUL, ...) forges log
/// lines and records, a bidirectional-text control (U+202A-U+202E, U+2066-U+2069, ...) makes text read
/// differently from what it holds, and an unpaired surrogate is no character at all. Multi-line text (a
/// commission's recommendations) may also break lines and use tabs.
/// </summary>
public static class TextInput
{
    /// <summary>Null when <paramref name="text"/> is fit for a one-line field; otherwise what is wrong, naming <paramref name="field"/>.</summary>
    public static string? CheckLine(string? text, string field) => Check(text, field, multiLine: false);

    /// <summary>As <see cref="CheckLine"/>, but line breaks (CR, LF) and tabs are allowed.</summary>
    public static string? CheckMultiLine(string? text, string field) => Check(text, field, multiLine: true);

    private static string? Check(string? text, string field, bool multiLine)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (multiLine && c is '\r' or '\n' or '\t') continue;
            if (char.IsSurrogate(c)) return $"{field} holds an unpaired surrogate (U+{(int)c:X4}) at position {i + 1}.";
            if (IsBidiControl(c)) return $"{field} holds the bidirectional-text control U+{(int)c:X4} at position {i + 1}; it makes text display differently from what it holds.";
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"{field} holds the control character U+{(int)c:X4} at position {i + 1}; {(multiLine ? "only line breaks and tabs are allowed" : "it must be one line of printable text")}.";
            }
        }
        return null;
    }

    /// <summary>The Unicode bidirectional formatting characters (ALM, LRM, RLM, LRE-RLO, LRI-PDI).</summary>
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
