using IntegrationHub.Tests.Shared.Hosting;

namespace IntegrationHub.Hub.Tests.Operations;

/// <summary>The JSON log option: one JSON object per line, with the request's trace id for correlation and FINs masked.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task WithTheJsonFormatter_EveryLineIsJson_RequestLinesCarryATraceId_AndNoFinAppears()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await HubProcess.StartAsync(new Dictionary<string, string>
        {
            ["Roles"] = "hub",
            ["Mocks:InProcess"] = "true",
            ["Mocks:Households"] = "40",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:LogLevel:IntegrationHub"] = "Debug",
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "ih-json-" + Guid.NewGuid().ToString("N")),
        }, ct);
        using var http = new HttpClient { BaseAddress = hub.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
        var samples = await hub.SamplesAsync<Sample>(ct);
        var applicant = samples[0].Fin;

        var response = await http.PostAsJsonAsync("/api/v1/profiles", new { applicant, purpose = "targeted-social-assistance", caseNumber = "JSON-1" }, ct);
        var profile = await HubFactory.ReadProfileAsync(response);
        // The console logger writes from a queue on its own thread: once a later request's line is out, every line of
        // the first is too (a request for nobody, refused, whose line names its case).
        (await http.PostAsJsonAsync("/api/v1/profiles", new { applicant = "ZZZZZZ9", purpose = "targeted-social-assistance", caseNumber = "JSON-LAST" }, ct)).Dispose();
        Assert.True(await Poll.UntilAsync(() => hub.Output.Contains("JSON-LAST", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), hub.Output);

        var lines = hub.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var assembled = entries.Where(e => e.GetProperty("Category").GetString()!.Contains("HouseholdAggregator", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(assembled);
        Assert.All(assembled, e => Assert.Contains(e.GetProperty("Scopes").EnumerateArray(), s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _)));
        var fins = profile.Members.Select(m => m.Fin.Value).ToList();
        Assert.All(fins, fin => Assert.DoesNotContain(fin, hub.Output, StringComparison.Ordinal));
    }

    private sealed record Sample(string Fin);
}
