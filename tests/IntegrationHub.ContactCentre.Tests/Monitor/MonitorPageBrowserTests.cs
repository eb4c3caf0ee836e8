using System.Globalization;
using Microsoft.Playwright;

namespace IntegrationHub.ContactCentre.Tests.Monitor;

/// <summary>
/// The supervisors' monitor page in a real browser (Debian's Chromium, headless, driven by Playwright) after the
/// simulated morning: every department's row shows the figures the script expects. Saves a screenshot
/// (screenshots/contact-centre-monitor.png beside the test binaries).
/// </summary>
public sealed class MonitorPageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task MonitorPage_AfterTheSimulatedMorning_ShowsTheScriptsFigures_InHeadlessChromium()
    {
        if (!File.Exists(Chromium))
        {
            if (Environment.GetEnvironmentVariable("INTEGRATIONHUB_REQUIRE_CHROMIUM") == "1") Assert.Fail($"{Chromium} is missing and INTEGRATIONHUB_REQUIRE_CHROMIUM=1 says it must be here.");
            Assert.Skip($"No browser at {Chromium}: install Debian's chromium package (CI does) to run the monitor page test.");
        }
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(SimulatedMorning.Start);
        await using var factory = new ContactCentreFactory(time: clock);
        var address = factory.ServeOnKestrel();
        using var telephony = factory.Telephony();
        var operators = SimulatedMorning.Departments.ToDictionary(d => d, d => factory.Operator("op-" + d, d));
        var morning = await SimulatedMorning.RunAsync(clock, telephony, d => operators[d], ct);
        var token = People.Token(factory.Services, People.ContactCentreSupervisor("sv-0001", "employment"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 800 } });
        // The token goes in the fragment, which never reaches the server; the page moves it to the tab's storage.
        await page.GotoAsync(new Uri(address, "/contact-centre/monitor#token=" + token).ToString());

        await page.WaitForFunctionAsync("() => Number(document.body.dataset.updates || 0) >= 1");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        foreach (var department in SimulatedMorning.Departments)
        {
            var e = morning.ExpectedFor(department);
            var row = page.Locator($"#departments tbody tr[data-department='{department}']");
            Assert.Equal(e.Waiting.ToString(CultureInfo.InvariantCulture), await Cell(row, "waiting"));
            Assert.Equal($"{e.LongestWaitSeconds / 60}:{e.LongestWaitSeconds % 60:00}", await Cell(row, "longest-wait"));
            Assert.Equal(e.Answered.ToString(CultureInfo.InvariantCulture), await Cell(row, "answered"));
            Assert.Equal(e.Abandoned.ToString(CultureInfo.InvariantCulture), await Cell(row, "abandoned"));
            Assert.Equal(e.WithinTargetPercent.ToString("0.0", CultureInfo.InvariantCulture) + " %", await Cell(row, "within-target"));
            Assert.Equal("0", await Cell(row, "overdue"));
        }
        Assert.Equal((SimulatedMorning.Calls - morning.Abandoned.Count - 42).ToString(CultureInfo.InvariantCulture), await page.TextContentAsync("#total-waiting"));
        Assert.Equal(morning.Abandoned.Count.ToString(CultureInfo.InvariantCulture), await page.TextContentAsync("#total-abandoned"));
        Assert.Equal("mine", await page.Locator("#departments tbody tr[data-department='employment']").GetAttributeAsync("class"));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "contact-centre-monitor.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
    }

    private static Task<string?> Cell(ILocator row, string field) => row.Locator($"td[data-field='{field}']").TextContentAsync();
}
