namespace IntegrationHub.Hub.Tests.Operations;

/// <summary>
/// The agency metrics docs/operations.md names are exported: every data set answered counts once, by agency, status and
/// source (network or cache), and each network answer's duration is in the histogram by agency.
/// </summary>
public sealed class AgencyMetricsTests
{
    [Fact]
    public async Task Metrics_AfterAnUncachedAndACachedProfile_CountAnswersByAgencyStatusAndSource()
    {
        // Unhurried budgets, which a cold process's first profile keeps (this is about what is counted, not about time). In
        // CI, 9 s into a fresh test process, no cached tax answer was counted: with the tests' 800 ms attempts a first
        // profile's answer that comes late is not cached, and the second profile asks the network again. The profile's
        // completeness is asserted below, so a missing answer is named rather than read from the metrics.
        await using var hub = new HubFactory(new Dictionary<string, string?>(AgencyBudgets.Unhurried())
        {
            ["Cache:Enabled"] = "true",
            ["Agencies:Defaults:CacheLifetime"] = "00:10:00",
        });
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;

        var first = await hub.AssembleAsync(applicant);
        Assert.True(first.Complete, "the first profile is incomplete: " + string.Join(", ", first.Sources.Where(s => s.Failed > 0).Select(s => s.Agency)));
        await hub.AssembleAsync(applicant);
        var lines = (await hub.CreateClient().GetStringAsync("/metrics", TestContext.Current.CancellationToken)).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("integrationhub_agency_calls_total{", StringComparison.Ordinal)
            && l.Contains("agency=\"tax\"", StringComparison.Ordinal) && l.Contains("source=\"network\"", StringComparison.Ordinal) && l.Contains("status=\"Ok\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("integrationhub_agency_calls_total{", StringComparison.Ordinal)
            && l.Contains("agency=\"tax\"", StringComparison.Ordinal) && l.Contains("source=\"cache\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("integrationhub_agency_call_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("agency=\"tax\"", StringComparison.Ordinal));
    }
}
