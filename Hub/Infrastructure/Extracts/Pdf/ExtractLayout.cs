namespace IntegrationHub.Extracts.Pdf;

/// <summary>
/// What one extract shows, in the order it is printed: a title in Azerbaijani and in English, rows of a label and a
/// value (a row without a value is a heading), free-text sections, then the authentication code, the verification
/// address and its QR code. Every module's document (disability extract, workplace certificate) is this one layout.
/// </summary>
/// <param name="DocumentTitle">The PDF's own title (its properties), e.g. "Workplace certificate".</param>
/// <param name="Creator">The issuing system, for the PDF's properties.</param>
/// <param name="Notice">Printed under the title in bold when set: that the extract was superseded (<see cref="SupersededNotice"/>).</param>
public sealed record ExtractLayout(
    string DocumentTitle,
    string Creator,
    string TitleAz,
    string TitleEn,
    IReadOnlyList<ExtractRow> Rows,
    IReadOnlyList<ExtractSection> Sections,
    string Code,
    string VerificationUrl,
    string? Notice = null)
{
    /// <summary>What a superseded extract says at its top, in both languages; null for one that stands.</summary>
    public static string? SupersededNotice(Storage.IssuedExtract extract)
    {
        ArgumentNullException.ThrowIfNull(extract);
        if (extract.SupersededBy is null) return null;
        var code = AuthenticationCode.Format(extract.SupersededBy);
        var on = extract.SupersededAt?.UtcDateTime.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return $"ƏVƏZ OLUNUB: bu arayışın nəticəsi {on} dəyişdirilib, yeni arayış {code}. / "
            + $"SUPERSEDED on {on} by {code}: the result this extract states was changed; it no longer stands.";
    }
}

/// <param name="Value">Null for a heading: the label printed bold across the page.</param>
public sealed record ExtractRow(string Label, string? Value)
{
    public static ExtractRow Heading(string text) => new(text, null);
}

/// <summary>A heading and a paragraph wrapped to the page (recommendations, remarks).</summary>
public sealed record ExtractSection(string Heading, string Text);
