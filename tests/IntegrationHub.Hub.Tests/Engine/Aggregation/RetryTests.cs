using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Engine.Aggregation;

/// <summary>Transient faults are retried (within the agency's budget); the profile never sees them.</summary>
public sealed class RetryTests
{
    private static HubFactory NewHub() => new(new Dictionary<string, string?>
    {
        ["Aggregation:Deadline"] = "00:00:05",
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:01",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:03",
        ["Agencies:Defaults:MaxRetries"] = "1",
        ["Agencies:Defaults:MaxRetryAfter"] = "00:00:02",
    });

    [Fact]
    public async Task Assemble_AgencyFailsOnceWith503_RetriedAndProfileComplete()
    {
        await using var hub = NewHub();
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "pensioners").Fin;
        await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant)); // warm-up: JIT and connections
        hub.Country["social-fund"].Inject(new FaultPlan(FaultKind.ServerError, Count: 1));

        var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));

        Assert.Equal(1, hub.Country["social-fund"].Faults.Injected);
        Assert.True(profile.Complete);
    }

    [Fact]
    public async Task Assemble_AgencyRateLimitsOnceWithRetryAfterInsideTheBudget_WaitsRetriesAndProfileComplete()
    {
        await using var hub = NewHub();
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "pensioners").Fin;
        await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant)); // warm-up: JIT and connections
        hub.Country["tax"].Inject(new FaultPlan(FaultKind.RateLimited, Count: 1, RetryAfterSeconds: 1));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
        clock.Stop();

        Assert.True(profile.Complete);
        Assert.Equal(1, hub.Country["tax"].Faults.Injected);
        Assert.True(clock.ElapsedMilliseconds >= 900, $"Retry-After: 1 was not honoured ({clock.ElapsedMilliseconds} ms)");
    }
}
