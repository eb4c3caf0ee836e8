using IntegrationHub.Tests.Shared.Hosting;
using Microsoft.Playwright;

namespace IntegrationHub.Hub.Tests.Operations;

/// <summary>
/// The operations dashboard in a real browser (Debian's Chromium, headless, driven by Playwright) against the
/// hub as a real process, as a newcomer would open it: it shows every agency, and its numbers move while
/// profile requests flow, and the e-service months as a labelled stacked chart over a seeded year; the life events
/// the mock country sends show per agency and kind with their processing lag, a forged one as refused, and the
/// assistance module's re-evaluations table is there. Saves a screenshot (screenshots/dashboard.png beside the test binaries).
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
            ["Roles"] = "hub,assistance",
            ["Mocks:InProcess"] = "true",
            ["Mocks:Households"] = "60",
            ["Mocks:HistoryMonths"] = "12",
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
        // A year on the chart: this month (no e-service use yet) and eleven seeded months of stacked bars, a
        // legend naming every e-service, a value axis and the months under the bars, and the table beneath.
        await page.WaitForFunctionAsync("() => new Set([...document.querySelectorAll('#usage-chart rect')].map(r => r.dataset.month)).size >= 11");
        var legend = await page.Locator("#usage-legend li").AllTextContentsAsync();
        Assert.Contains("Application for targeted state social assistance", legend);
        Assert.Contains("Last exam without login", legend);
        var axis = await page.Locator("#usage-chart text.axis").AllTextContentsAsync();
        Assert.Contains("0", axis);
        Assert.Equal(12, axis.Count(t => t.Length == 7 && t[4] == '-'));
        var hover = await page.Locator("#usage-chart rect[data-eservice='last-exam-lookup'] title").First.TextContentAsync();
        Assert.Matches(@"^Last exam without login, \d{4}-\d{2}: [\d,]+ uses, [\d.]+ % of the month, ", hover);
        var report = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/operations/statistics/e-services", ct);
        var lastSeeded = report.GetProperty("months")[10];
        Assert.True(lastSeeded.GetProperty("total").GetInt64() > 0, "the seeded months have uses");
        var tableRows = await page.Locator("#usage tbody tr").AllTextContentsAsync();
        Assert.Contains(tableRows, r => r.StartsWith(lastSeeded.GetProperty("month").GetString() + "all e-services" + lastSeeded.GetProperty("total").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var rows = await page.Locator("#agencies tbody tr").AllTextContentsAsync();
        Assert.Contains(rows, r => r.Contains("population", StringComparison.Ordinal) && r.Contains("closed", StringComparison.Ordinal));

        // Life events: the mock country moves a sample and its population register tells the hub (signed); someone
        // forges one. The dashboard shows the event under its agency and kind, processed, with a lag, and the refusal.
        using var tester = new HttpClient { BaseAddress = hub.Address };
        tester.DefaultRequestHeaders.Add("X-Api-Key", "dev-tester-key");
        (await tester.PostAsJsonAsync("/mocks/life-events", new { kind = "move", fin = samples[^1].Fin }, ct)).EnsureSuccessStatusCode();
        var (body, contentType) = Api.LifeEventsApiTests.DeathOf(samples[0].Fin, "pop-forged-dashboard", TimeProvider.System.GetUtcNow());
        using (var forged = await new HttpClient { BaseAddress = hub.Address }.SendAsync(Api.LifeEventsApiTests.Signed(body, contentType, "population", "civil-registry"), ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);
        }
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#life-events tbody tr')].some(r => r.cells[0].textContent === 'population' && r.cells[1].textContent === 'move' && Number(r.cells[3].textContent) >= 1)");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('#life-refused').textContent) >= 1");
        Assert.Matches(@"^\d+\.\d / \d+\.\d / \d+\.\d$", await page.TextContentAsync("#life-lag") ?? "");
        Assert.Equal("0", await page.TextContentAsync("#life-failed"));
        // This instance runs the assistance module: its re-evaluations table is shown (rows once awards are re-evaluated).
        Assert.Equal("", await page.TextContentAsync("#re-evaluations-note"));
        Assert.Equal(["prompted by", "pending", "changed", "unchanged", "referred", "skipped"], await page.Locator("#re-evaluations thead th").AllTextContentsAsync());

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is (nearly) empty");
    }

    private sealed record Sample(string Fin);
}
