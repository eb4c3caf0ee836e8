using System.Diagnostics;

namespace IntegrationHub.Tests.Shared;

/// <summary>The ordinary readers a user would have: poppler's pdftotext and pdftoppm, zbar's zbarimg (.ci/run installs them).</summary>
public static class DocumentTools
{
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "extract.pdf");
        await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
        return await RunAsync("pdftotext", "-layout", file, "-");
    }

    /// <summary>Renders the PDF's first page at 150 dpi and returns what zbarimg decodes from it (one line per symbol).</summary>
    public static async Task<IReadOnlyList<string>> QrCodesAsync(byte[] pdf)
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "extract.pdf");
        await File.WriteAllBytesAsync(file, pdf, TestContext.Current.CancellationToken);
        await RunAsync("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", file, Path.Combine(dir, "page"));
        var png = Directory.EnumerateFiles(dir, "page*.png").Single();
        var output = await RunAsync("zbarimg", "--quiet", "--raw", png);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "document-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool);
        foreach (var a in args) start.ArgumentList.Add(a);
        var (exitCode, stdout, stderr) = await ProcessRun.RunAsync(start, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        if (exitCode != 0) throw new InvalidOperationException($"{tool} exited {exitCode}: {stderr}");
        return stdout;
    }
}
