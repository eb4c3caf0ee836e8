using PdfSharp.Fonts;

namespace IntegrationHub.Extracts.Pdf;

/// <summary>
/// PDFsharp finds no fonts on Linux by itself: every family resolves to DejaVu Sans, shipped inside
/// this assembly, which covers the Azerbaijani letters (Ə, ı, Ç, Ğ, Ş, Ö, Ü).
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver once per process; PDFsharp's setting is global.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new DejaVuFontResolver();
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Italic is simulated by PDFsharp; there is no italic face shipped.
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream($"IntegrationHub.Extracts.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"Font {faceName} is not embedded in {typeof(DejaVuFontResolver).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
