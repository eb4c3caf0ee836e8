using IntegrationHub.Adapters;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Engine.Aggregation;

/// <summary>
/// One hub and mock country for the whole matrix (starting one is most of its cost), with short budgets.
/// Real network and real delays: how the hub meets a broken registry on the wire is the point. The
/// breaker is kept out of the way here (<see cref="BreakerTests"/> covers it).
/// </summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    // Every data set allowed: the matrix is about faults, not about the policy (which keeps health from assistance).
    public HubFactory Hub { get; } = new(HubFactory.EveryDataSet(FaultMatrix.Settings()));

    public string Applicant => FaultMatrix.Applicant(Hub);

    public async ValueTask InitializeAsync() => await FaultMatrix.WarmAsync(Hub, Applicant, AgencyCatalog.All[^1].Agency.Key);

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

public sealed class FaultMatrixTests(FaultMatrixFixture fixture) : IClassFixture<FaultMatrixFixture>
{
    public static TheoryData<FaultKind, string> Matrix() => FaultMatrix.Rows(AgencyCatalog.All.Select(a => a.Agency.Key));

    [Fact]
    public void Matrix_CoversEveryFaultKindTheMocksHave() =>
        Assert.Equal(Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None).Order(), FaultMatrix.Faults.Keys.Order());

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task Assemble_AgencyFaulty_OnTimeWithThatDataSetMarkedAndTheRestComplete(FaultKind kind, string agency) =>
        FaultMatrix.AssertRowAsync(fixture.Hub, fixture.Applicant, kind, agency);
}

/// <summary>The fault matrix: every fault kind of the mocks against every agency a hub has, and what one row must show.</summary>
public static class FaultMatrix
{
    /// <summary>
    /// The profile deadline; every reply must come within it plus a small margin. A backstop above the agencies' own
    /// budgets (2.2 s, twice that for the registries asked twice), with room for a loaded machine: at 2 s and load 25, a
    /// 429 answered at once was still "no answer before the profile deadline" for 3 of 5 members.
    /// </summary>
    public const int DeadlineMs = 5_000;

    /// <summary>
    /// Short budgets for a matrix hub, still far below the slow fault's 5 s. At 500 ms attempts and 1.1 s in all, a
    /// machine at load 20 timed out 13 healthy agencies beside a slow one.
    /// </summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Aggregation:Deadline"] = TimeSpan.FromMilliseconds(DeadlineMs).ToString(),
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:01",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:02.200",
        ["Agencies:Defaults:MaxRetries"] = "1",
        ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
        ["Agencies:Defaults:MaxRetryAfter"] = "00:00:00.500",
    };

    /// <summary>Each fault, the status its data sets must get, and what their detail may say.</summary>
    public static readonly IReadOnlyDictionary<FaultKind, (FaultPlan Plan, SourceStatus Status, string[] Details)> Faults = new Dictionary<FaultKind, (FaultPlan, SourceStatus, string[])>
    {
        [FaultKind.Down] = (new FaultPlan(FaultKind.Down), SourceStatus.Failed, ["could not be reached"]),
        // Slower than the agency's whole budget: its own total timeout ends the wait. The population and
        // civil registries are asked twice in a row (household first), so there the deadline may come first.
        [FaultKind.Slow] = (new FaultPlan(FaultKind.Slow, DelayMs: 5_000), SourceStatus.TimedOut, ["within its time budget", "before the profile deadline"]),
        [FaultKind.ServerError] = (new FaultPlan(FaultKind.ServerError), SourceStatus.Failed, ["HTTP 503"]),
        // Retry-After of 30 s is past the agency's budget: no retry, an answer at once.
        [FaultKind.RateLimited] = (new FaultPlan(FaultKind.RateLimited, RetryAfterSeconds: 30), SourceStatus.Failed, ["HTTP 429"]),
        [FaultKind.MalformedJson] = (new FaultPlan(FaultKind.MalformedJson), SourceStatus.Failed, ["could not be read"]),
        [FaultKind.TruncatedBody] = (new FaultPlan(FaultKind.TruncatedBody), SourceStatus.Failed, ["could not be read"]),
        [FaultKind.EmptyOk] = (new FaultPlan(FaultKind.EmptyOk), SourceStatus.Failed, ["could not be read"]),
    };

    /// <summary>Every fault kind against every agency given.</summary>
    public static TheoryData<FaultKind, string> Rows(IEnumerable<string> agencies)
    {
        var data = new TheoryData<FaultKind, string>();
        foreach (var kind in Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None))
        {
            foreach (var agency in agencies) data.Add(kind, agency);
        }
        return data;
    }

    /// <summary>
    /// A profile with no fault, then one with each quick fault in <paramref name="agency"/>, answers not checked: the
    /// connections are open and the failure paths compiled before a row's budget is timed. Without it the first row of
    /// a fault kind could pay for compiling its path (exceptions, the resilience pipeline's outcome handling) inside
    /// its 1 s attempt, and time out on a loaded machine instead of failing as its fault says.
    /// </summary>
    public static async Task WarmAsync(HubFactory hub, string applicant, string agency)
    {
        await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
        foreach (var (kind, (plan, _, _)) in Faults)
        {
            if (kind == FaultKind.Slow) continue;
            hub.Country[agency].Inject(plan);
            try
            {
                (await hub.PostProfileAsync(applicant)).Dispose();
            }
            finally
            {
                hub.Country[agency].Inject(new FaultPlan(FaultKind.None));
            }
        }
    }

    public static string Applicant(HubFactory hub) => hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;

    /// <summary>With <paramref name="agency"/> faulty, the profile comes on time, that agency's data sets say so, and every other agency answered.</summary>
    public static async Task AssertRowAsync(HubFactory hub, string applicant, FaultKind kind, string agency)
    {
        var (plan, expected, details) = Faults[kind];
        hub.Country[agency].Inject(plan);
        try
        {
            var clock = Stopwatch.StartNew();
            var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
            clock.Stop();

            Assert.True(clock.ElapsedMilliseconds < DeadlineMs + 500, $"took {clock.ElapsedMilliseconds} ms");
            Assert.False(profile.Complete);
            var faulty = profile.Sources.Single(s => s.Agency == agency);
            Assert.Equal(faulty.Asked, faulty.Failed);
            Assert.All(hub.DataSets(profile, agency), set =>
            {
                Assert.Equal(expected, set.Status);
                Assert.True(details.Any(d => set.Detail?.Contains(d, StringComparison.Ordinal) == true), $"detail: {set.Detail}");
            });
            // A healthy agency that failed too is named with what its data sets say (under a loaded machine, its budget).
            Assert.All(profile.Sources.Where(s => s.Agency != agency), s => Assert.True(s.Asked == s.Ok + s.NotFound,
                $"{s.Agency} failed beside {agency}: {string.Join("; ", hub.DataSets(profile, s.Agency).Where(d => d.Status is not (SourceStatus.Ok or SourceStatus.NotFound)).Select(d => $"{d.Status} {d.Detail}"))}"));
            Assert.NotEmpty(profile.Members);
        }
        finally
        {
            hub.Country[agency].Inject(new FaultPlan(FaultKind.None));
        }
    }
}
