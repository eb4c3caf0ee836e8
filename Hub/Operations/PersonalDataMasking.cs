using System.Text.RegularExpressions;
using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Hub.Operations;

/// <summary>Masks FINs in URLs and paths before they reach traces (agency URLs carry FINs in their paths).</summary>
public static partial class PersonalDataMasking
{
    public static string MaskFins(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FinLike().Replace(text, m => Fin.TryParse(m.Value, out var fin, out _) ? fin.Masked : m.Value);
    }

    public static string? MaskUrl(Uri? uri) => uri is null ? null : MaskFins(uri.GetLeftPart(UriPartial.Path)) + (uri.Query.Length > 0 ? "?…" : "");

    [GeneratedRegex("(?<![0-9A-Z])[0-9A-Z]{7}(?![0-9A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex FinLike();
}
