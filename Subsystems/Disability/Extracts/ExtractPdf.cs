using System.Globalization;
using IntegrationHub.Disability.Domain;
using IntegrationHub.Disability.Storage;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace IntegrationHub.Disability.Extracts;

/// <summary>
/// The extract as a PDF: real text (DejaVu, embedded, extractable by any reader) and the verification address
/// as a QR code drawn as vector squares (sharp at any zoom; PDFsharp cannot read QRCoder's PNG).
/// </summary>
public static class ExtractPdf
{
    private const double Margin = 56;

    public static byte[] Render(CaseDocument c, ExtractDocument extract, string verificationUrl, ExamRules rules)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(extract);
        ArgumentNullException.ThrowIfNull(rules);
        var person = c.Person ?? throw new InvalidOperationException("A decided case has a person.");
        var result = c.Result ?? throw new InvalidOperationException("Only a decided case has an extract.");
        DejaVuFontResolver.EnsureInstalled();

        using var document = new PdfDocument();
        document.Info.Title = "Disability exam extract " + c.ReferralNumber;
        document.Info.Creator = "IntegrationHub TSERAS";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(DejaVuFontResolver.Family, 14, XFontStyleEx.Bold);
            var label = new XFont(DejaVuFontResolver.Family, 10, XFontStyleEx.Bold);
            var text = new XFont(DejaVuFontResolver.Family, 10, XFontStyleEx.Regular);
            var small = new XFont(DejaVuFontResolver.Family, 8, XFontStyleEx.Regular);
            var width = page.Width.Point - 2 * Margin;
            var y = Margin;

            gfx.DrawString("Tibbi-sosial ekspert komissiyasının rəyindən çıxarış", title, XBrushes.Black, new XPoint(Margin, y));
            y += 18;
            gfx.DrawString("Extract from the decision of the medical-social expert commission (TSEK)", text, XBrushes.Black, new XPoint(Margin, y));
            y += 28;

            var rows = new (string Label, string Value)[]
            {
                ("Person", person.FullName),
                ("FIN", c.Fin),
                ("Birth date", Date(person.BirthDate)),
                ("Referral (form 88)", $"{c.ReferralNumber}, {c.Clinic}, {Date(c.IssuedOn)}"),
                ("Diagnoses (ICD-10)", string.Join(", ", c.Diagnoses)),
                ("Impairment", result.Percent.ToString(CultureInfo.InvariantCulture) + " %"),
                ("Category", Categories.Label(result.Category) + (result.FormerDegree is { } d ? $" (former degree {d})" : "")),
                ("Cause", Cause(result.Cause)),
                ("Start date", Date(result.StartDate)),
                ("Valid until", result.Indefinite
                    ? "indefinite (müddətsiz): " + IndefiniteReasons.Describe(result.IndefiniteReason ?? "", rules)
                    : result.NextExam is { } next ? Date(next) + " (next exam)" : "not applicable (no disability)"),
                ("Issued", extract.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            };
            foreach (var (name, value) in rows)
            {
                gfx.DrawString(name, label, XBrushes.Black, new XPoint(Margin, y));
                gfx.DrawString(value, text, XBrushes.Black, new XPoint(Margin + 130, y));
                y += 16;
            }

            y += 8;
            gfx.DrawString("Recommendations", label, XBrushes.Black, new XPoint(Margin, y));
            y += 6;
            var formatter = new XTextFormatter(gfx);
            formatter.DrawString(result.Recommendations ?? "none", text, XBrushes.Black, new XRect(Margin, y, width, 120), XStringFormats.TopLeft);
            y += 130;

            gfx.DrawString("Authentication code", label, XBrushes.Black, new XPoint(Margin, y));
            gfx.DrawString(AuthenticationCode.Format(extract.Code), new XFont(DejaVuFontResolver.Family, 12, XFontStyleEx.Bold), XBrushes.Black, new XPoint(Margin + 130, y));
            y += 16;
            gfx.DrawString("Verify at", label, XBrushes.Black, new XPoint(Margin, y));
            gfx.DrawString(verificationUrl, small, XBrushes.Black, new XPoint(Margin + 130, y));
            y += 14;
            gfx.DrawString("Organisations verify this extract by its code or QR code; every verification is recorded and shown to the citizen.", small, XBrushes.Black, new XPoint(Margin, y));
            y += 16;

            DrawQr(gfx, verificationUrl, new XPoint(Margin, y), size: 120);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>One rectangle per horizontal run of dark modules, on the white of the quiet zone QRCoder includes.</summary>
    private static void DrawQr(XGraphics gfx, string content, XPoint origin, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        gfx.DrawRectangle(XBrushes.White, origin.X, origin.Y, size, size);
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
                gfx.DrawRectangle(XBrushes.Black, origin.X + start * module, origin.Y + row * module, (col - start) * module, module);
            }
        }
    }

    private static string Date(DateOnly d) => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Cause(Contracts.Profiles.DataSets.DisabilityCause cause) => cause switch
    {
        Contracts.Profiles.DataSets.DisabilityCause.GeneralIllness => "general illness",
        Contracts.Profiles.DataSets.DisabilityCause.WorkInjury => "work injury",
        Contracts.Profiles.DataSets.DisabilityCause.OccupationalDisease => "occupational disease",
        Contracts.Profiles.DataSets.DisabilityCause.Chernobyl => "Chernobyl disaster",
        Contracts.Profiles.DataSets.DisabilityCause.MilitaryService => "military service",
        Contracts.Profiles.DataSets.DisabilityCause.FromChildhood => "from childhood",
        _ => "other",
    };
}
