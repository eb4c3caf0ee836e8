using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace IntegrationHub.Extracts.Pdf;

/// <summary>
/// Renders an <see cref="ExtractLayout"/> as a PDF: real text (DejaVu, embedded, extractable by any reader, with the
/// Azerbaijani letters) and the verification address as a QR code drawn as vector squares (sharp at any zoom;
/// PDFsharp cannot read QRCoder's PNG). A layout longer than a page goes on over further pages; the code, the
/// address and the QR code stay together.
/// </summary>
public static class ExtractPdf
{
    private const double Margin = 56;
    private const double LabelWidth = 170;
    private const double QrSize = 120;

    public static byte[] Render(ExtractLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        DejaVuFontResolver.EnsureInstalled();

        using var document = new PdfDocument();
        document.Info.Title = layout.DocumentTitle;
        document.Info.Creator = layout.Creator;
        using (var page = new PageWriter(document))
        {
            Write(page, layout);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Write(PageWriter page, ExtractLayout layout)
    {
        page.Line(layout.TitleAz, Fonts.Title, advance: 18);
        page.Line(layout.TitleEn, Fonts.Text, advance: 28);
        if (layout.Notice is not null)
        {
            page.Line(layout.Notice, Fonts.Label, advance: 22);
        }
        foreach (var row in layout.Rows)
        {
            if (row.Value is null)
            {
                page.Space(6);
                page.Line(row.Label, Fonts.Label, advance: 16);
                continue;
            }
            page.Row(row.Label, row.Value);
        }
        foreach (var section in layout.Sections)
        {
            page.Space(8);
            page.Line(section.Heading, Fonts.Label, advance: 6);
            page.Paragraph(section.Text, height: 120);
        }

        // The code, the address and the QR code on one page.
        page.EnsureRoom(16 + 14 + 16 + QrSize + 8);
        page.Space(8);
        page.Row("Autentifikasiya kodu / Authentication code", AuthenticationCode.Format(layout.Code), Fonts.Code);
        page.Row("Yoxlama ünvanı / Verify at", layout.VerificationUrl, Fonts.Small, advance: 14);
        page.Line("Təşkilatlar sənədi kodu və ya QR kodu ilə yoxlayır; hər yoxlama qeydə alınır və vətəndaşa göstərilir. / "
            + "Organisations verify it by its code or QR code; every verification is recorded and shown to the citizen.", Fonts.Small, advance: 16);
        page.Qr(layout.VerificationUrl, QrSize);
    }

    private static class Fonts
    {
        public static readonly XFont Title = new(DejaVuFontResolver.Family, 14, XFontStyleEx.Bold);
        public static readonly XFont Label = new(DejaVuFontResolver.Family, 10, XFontStyleEx.Bold);
        public static readonly XFont Text = new(DejaVuFontResolver.Family, 10, XFontStyleEx.Regular);
        public static readonly XFont Code = new(DejaVuFontResolver.Family, 12, XFontStyleEx.Bold);
        public static readonly XFont Small = new(DejaVuFontResolver.Family, 7.5, XFontStyleEx.Regular);
    }

    /// <summary>Writes down the page from the top margin, starting a new page when the next item would not fit.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument _document;
        private XGraphics _gfx = null!;
        private double _y;
        private double _bottom;
        private double _width;

        public PageWriter(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            _y = Margin;
            _bottom = page.Height.Point - Margin;
            _width = page.Width.Point - 2 * Margin;
        }

        public void EnsureRoom(double height)
        {
            if (_y + height > _bottom) NewPage();
        }

        public void Space(double height) => _y += height;

        /// <summary>A line of text at the current baseline; one wider than the page is wrapped over as many lines as it needs.</summary>
        public void Line(string text, XFont font, double advance)
        {
            var lines = Math.Max(1, (int)Math.Ceiling(_gfx.MeasureString(text, font).Width / _width));
            var height = advance + (lines - 1) * font.Height;
            EnsureRoom(height);
            if (lines == 1)
            {
                _gfx.DrawString(text, font, XBrushes.Black, new XPoint(Margin, _y));
            }
            else
            {
                // The formatter draws from the top of its box, a line's ascent above the baseline.
                var top = _y - font.Height * 0.8;
                new XTextFormatter(_gfx).DrawString(text, font, XBrushes.Black, new XRect(Margin, top, _width, lines * font.Height + font.Height), XStringFormats.TopLeft);
            }
            _y += height;
        }

        public void Row(string label, string value, XFont? font = null, double advance = 16)
        {
            EnsureRoom(advance);
            _gfx.DrawString(label, Fonts.Label, XBrushes.Black, new XPoint(Margin, _y));
            _gfx.DrawString(value, font ?? Fonts.Text, XBrushes.Black, new XPoint(Margin + LabelWidth, _y));
            _y += advance;
        }

        public void Paragraph(string text, double height)
        {
            EnsureRoom(height + 10);
            new XTextFormatter(_gfx).DrawString(text, Fonts.Text, XBrushes.Black, new XRect(Margin, _y, _width, height), XStringFormats.TopLeft);
            _y += height + 10;
        }

        /// <summary>One rectangle per horizontal run of dark modules, on the white of the quiet zone QRCoder includes.</summary>
        public void Qr(string content, double size)
        {
            EnsureRoom(size);
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
            var matrix = data.ModuleMatrix;
            var module = size / matrix.Count;
            _gfx.DrawRectangle(XBrushes.White, Margin, _y, size, size);
            for (var row = 0; row < matrix.Count; row++)
            {
                var bits = matrix[row];
                var col = 0;
                while (col < bits.Length)
                {
                    if (!bits[col])
                    {
                        col++;
                        continue;
                    }
                    var start = col;
                    while (col < bits.Length && bits[col]) col++;
                    _gfx.DrawRectangle(XBrushes.Black, Margin + start * module, _y + row * module, (col - start) * module, module);
                }
            }
            _y += size;
        }

        public void Dispose() => _gfx.Dispose();
    }
}
