using IntegrationHub.Hub.Engine.Caching.Internal;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Engine.Caching;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Assemble_ConcurrentRequestsForTheSameHousehold_OneCallPerAgencyAndPerson()
    {
        // Cache off: only single-flight can keep the calls down. Slow agencies keep the calls in flight
        // while the other requests arrive (real delays: the overlap on the wire is the point).
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            // Budgets no loaded machine runs out of, and no retries: every call counted is a first attempt.
            ["Aggregation:Deadline"] = "00:00:30",
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:10",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:20",
            ["Agencies:Defaults:BreakerSamplingDuration"] = "00:01:00",
            ["Agencies:Defaults:MaxRetries"] = "0",
        });
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;
        var before = Requests(hub);
        await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
        var one = Requests(hub) - before;
        foreach (var agency in hub.Country.Agencies) agency.Inject(new FaultPlan(FaultKind.Slow, DelayMs: 1_000));

        before = Requests(hub);
        var profiles = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant))));

        Assert.All(profiles, p => Assert.True(p.Complete, System.Text.Json.JsonSerializer.Serialize(p.Sources.Where(s => s.Failed > 0))));
        Assert.Equal(one, Requests(hub) - before);
    }

    /// <summary>Requests to every agency, the population register's co-resident look-up included.</summary>
    private static long Requests(HubFactory hub) => hub.Country.Agencies.Sum(a => a.Requests);

    [Fact]
    public async Task RunAsync_SameKeyConcurrently_SharesOneCall()
    {
        var flights = new SingleFlight();
        var calls = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ct = TestContext.Current.CancellationToken;

        var waiters = Enumerable.Range(0, 5).Select(_ => flights.RunAsync("k", _ => { Interlocked.Increment(ref calls); return release.Task; }, ct)).ToList();
        release.SetResult(42);

        Assert.All(await Task.WhenAll(waiters), v => Assert.Equal(42, v));
        Assert.Equal(1, calls);
        Assert.Equal(0, flights.InFlight);
    }

    [Fact]
    public async Task RunAsync_OneWaiterGivesUp_CallGoesOnForTheOthers()
    {
        var flights = new SingleFlight();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken shared = default;
        using var impatient = new CancellationTokenSource();
        var first = flights.RunAsync("k", token => { shared = token; return release.Task.WaitAsync(token); }, impatient.Token);
        var second = flights.RunAsync("k", _ => Task.FromResult(-1), TestContext.Current.CancellationToken);
        await Task.Yield();

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(shared.IsCancellationRequested);
        release.SetResult(7);
        Assert.Equal(7, await second);
    }

    [Fact]
    public async Task RunAsync_EveryWaiterGivesUp_CallIsCancelled()
    {
        var flights = new SingleFlight();
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = new CancellationTokenSource();
        using var b = new CancellationTokenSource();
        var call = (CancellationToken token) => { started.TrySetResult(token); return Task.Delay(Timeout.Infinite, token).ContinueWith(_ => 0, TaskScheduler.Default); };
        var first = flights.RunAsync("k", call, a.Token);
        var second = flights.RunAsync("k", call, b.Token);
        var token = await started.Task.WaitAsync(TestContext.Current.CancellationToken);

        await a.CancelAsync();
        Assert.False(token.IsCancellationRequested);
        await b.CancelAsync();

        Assert.True(token.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
    }
}
