using System.Net.Http.Json;
using IntegrationHub.Hub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IntegrationHub.Hub.Tests.Operations;

/// <summary>
/// The operations dashboard in a real browser (Debian's Chromium, headless, driven by Playwright) against the
/// hub as a real process, as a newcomer would open it: it shows every agency, and its numbers move while
/// profile requests flow. Saves a screenshot (screenshots/dashboard.png beside the test binaries).
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task TheDashboard_ShowsAgenciesAndLiveNumbers_InHeadlessChromium()
    {
        if (!File.Exists(Chromium))
        {
            if (Environment.GetEnvironmentVariable("INTEGRATIONHUB_REQUIRE_CHROMIUM") == "1") Assert.Fail($"{Chromium} is missing and INTEGRATIONHUB_REQUIRE_CHROMIUM=1 says it must be here.");
            Assert.Skip($"No browser at {Chromium}: install Debian's chromium package (CI does) to run the dashboard test.");
        }
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubProcess.StartAsync(new Dictionary<string, string>
        {
            ["Roles"] = "hub",
            ["Mocks:InProcess"] = "true",
            ["Mocks:Households"] = "60",
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "ih-dash-" + Guid.NewGuid().ToString("N")),
        }, ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(hub.Address, "/dashboard").ToString());

        await page.WaitForFunctionAsync("() => document.querySelectorAll('#agencies tbody tr').length >= 14");
        var before = int.Parse(await page.TextContentAsync("#profiles-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        using var http = new HttpClient { BaseAddress = hub.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
        var samples = await hub.SamplesAsync<Sample>(ct);
        foreach (var sample in samples.Take(3))
        {
            var response = await http.PostAsJsonAsync("/api/v1/profiles", new { applicant = sample.Fin, purpose = "targeted-social-assistance", caseNumber = "DASH-1" }, ct);
            response.EnsureSuccessStatusCode();
        }

        // It refreshes by itself: no reload, the figure grows by the three profiles.
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('#profiles-total').textContent) >= {before + 3}");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#usage-chart rect').length >= 1");
        var rows = await page.Locator("#agencies tbody tr").AllTextContentsAsync();
        Assert.Contains(rows, r => r.Contains("population", StringComparison.Ordinal) && r.Contains("closed", StringComparison.Ordinal));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
    }

    private sealed record Sample(string Fin);
}
