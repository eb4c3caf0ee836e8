using IntegrationHub.Extracts;
using IntegrationHub.Extracts.Pdf;

namespace IntegrationHub.Hub.Tests.Extracts;

/// <summary>The one layout, read back by the ordinary tools (pdftotext, pdftoppm + zbarimg).</summary>
public sealed class ExtractPdfTests
{
    private static ExtractLayout Layout(int rows) => new(
        "Test document", "IntegrationHub tests", "İş yerindən arayış", "Workplace certificate",
        [ExtractRow.Heading("Əmək müqaviləsi / Labour contract"), .. Enumerable.Range(1, rows).Select(i => new ExtractRow($"Sətir / Row {i}", $"dəyər {i}: Ə ı Ç Ğ Ş Ö Ü"))],
        [new ExtractSection("Qeyd / Remark", "Bu arayış tələb olunan yerə təqdim edilmək üçün verilir.")],
        AuthenticationCode.New(),
        "https://e-social.gov.az/api/v1/employment/verify/ABCDE-FGHJK-MNPQR-STVWX");

    [Fact]
    public async Task Render_TextAndCodeAreReadable_AndTheQrHoldsTheAddress()
    {
        var layout = Layout(rows: 5);

        var pdf = ExtractPdf.Render(layout);

        var text = await DocumentTools.PdfTextAsync(pdf);
        Assert.Contains("İş yerindən arayış", text);
        Assert.Contains("dəyər 5: Ə ı Ç Ğ Ş Ö Ü", text);
        Assert.Contains("Bu arayış tələb olunan yerə", text);
        Assert.Contains(AuthenticationCode.Format(layout.Code), text);
        Assert.Contains(layout.VerificationUrl, text);
        Assert.Equal([layout.VerificationUrl], await DocumentTools.QrCodesAsync(pdf));
    }

    [Fact]
    public async Task Render_MoreRowsThanAPage_GoesOnToTheNextPage_AndKeepsEveryRow()
    {
        var layout = Layout(rows: 80);

        var text = await DocumentTools.PdfTextAsync(ExtractPdf.Render(layout));

        Assert.Contains('\f', text.TrimEnd('\f'));
        Assert.Contains("dəyər 1:", text);
        Assert.Contains("dəyər 80:", text);
        Assert.Contains(AuthenticationCode.Format(layout.Code), text);
    }
}
