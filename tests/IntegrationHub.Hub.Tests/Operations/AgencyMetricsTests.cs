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
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Cache:Enabled"] = "true",
            ["Agencies:Defaults:CacheLifetime"] = "00:10:00",
        });
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;

        await hub.AssembleAsync(applicant);
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
