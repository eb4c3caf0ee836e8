using IntegrationHub.Hub.Operations;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Engine.Aggregation;

/// <summary>
/// The breaker of one agency, as configured: it opens at the configured volume, keeps the agency out of
/// the calls for the break duration, and lets a trial call through after it. Time is logic here, so the
/// hub runs on a <see cref="FakeTimeProvider"/> (no retries: a retry delay would wait on the fake clock).
/// </summary>
public sealed class BreakerTests
{
    private const int MinimumThroughput = 4;

    private static HubFactory NewHub(FakeTimeProvider time) => new(new Dictionary<string, string?>
    {
        ["Agencies:Defaults:MaxRetries"] = "0",
        ["Agencies:tax:BreakerMinimumThroughput"] = MinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Agencies:tax:BreakerFailureRatio"] = "0.5",
        ["Agencies:tax:BreakerSamplingDuration"] = "00:00:30",
        ["Agencies:tax:BreakDuration"] = "00:00:15",
    }, time: time);

    [Fact]
    public async Task Breaker_AgencyKeepsFailing_OpensAtConfiguredVolumeStaysOpenForBreakDurationThenCloses()
    {
        var time = HubFactory.ClockToday();
        await using var hub = NewHub(time);
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;
        var tax = hub.Country["tax"];
        await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant)); // warm-up
        var warm = tax.Requests;
        tax.Inject(new FaultPlan(FaultKind.ServerError));

        var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
        for (var i = 0; i < 10 && !hub.DataSets(profile, "tax").Any(s => s.Status == SourceStatus.CircuitOpen); i++)
        {
            profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
        }
        Assert.Contains(hub.DataSets(profile, "tax"), s => s.Status == SourceStatus.CircuitOpen);
        Assert.True(tax.Requests - warm >= MinimumThroughput, $"opened after {tax.Requests - warm} calls, below the configured {MinimumThroughput}");
        Assert.Equal("open", (await StateAsync(hub, "tax")).Breaker.State);
        Assert.All(profile.Sources.Where(s => s.Agency != "tax"), s => Assert.Equal(s.Asked, s.Ok + s.NotFound));
        Assert.Equal("closed", (await StateAsync(hub, "population")).Breaker.State);

        // Healed, but the break lasts 15 s: the agency is not called at all before then.
        tax.Inject(new FaultPlan(FaultKind.None));
        var calls = tax.Requests;
        time.Advance(TimeSpan.FromSeconds(14));
        profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
        Assert.All(hub.DataSets(profile, "tax"), s => Assert.Equal(SourceStatus.CircuitOpen, s.Status));
        Assert.Equal(calls, tax.Requests);

        // After the break a trial call goes through, succeeds, and the breaker closes.
        time.Advance(TimeSpan.FromSeconds(2));
        profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
        if (!profile.Complete) profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant)); // members asked while the trial was in flight
        Assert.True(profile.Complete);
        Assert.All(hub.DataSets(profile, "tax"), s => Assert.Equal(SourceStatus.Ok, s.Status));
        var state = await StateAsync(hub, "tax");
        Assert.Equal("closed", state.Breaker.State);
        Assert.Equal(1, state.Breaker.TimesOpened);
    }

    private static async Task<AgencyState> StateAsync(HubFactory hub, string agency)
    {
        var state = await hub.CreateClient().GetFromJsonAsync<AgenciesState>("/api/v1/agencies/state", HubFactory.Json, TestContext.Current.CancellationToken);
        return state!.Agencies.Single(a => a.Agency == agency);
    }
}
