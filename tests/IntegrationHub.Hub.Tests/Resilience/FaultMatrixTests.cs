using System.Diagnostics;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Resilience;

/// <summary>
/// One hub and mock country for the whole matrix (starting one is most of its cost), with short budgets.
/// Real network and real delays: how the hub meets a broken registry on the wire is the point. The
/// breaker is kept out of the way here (<see cref="BreakerTests"/> covers it).
/// </summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    /// <summary>The profile deadline; every reply must come within it plus a small margin.</summary>
    public const int DeadlineMs = 2_000;

    public HubFactory Hub { get; } = new(new Dictionary<string, string?>
    {
        ["Aggregation:Deadline"] = TimeSpan.FromMilliseconds(DeadlineMs).ToString(),
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:00.500",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:01.100",
        ["Agencies:Defaults:MaxRetries"] = "1",
        ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
        ["Agencies:Defaults:MaxRetryAfter"] = "00:00:00.500",
    });

    public string Applicant => Hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;

    public async ValueTask InitializeAsync() => await HubFactory.ReadProfileAsync(await Hub.PostProfileAsync(Applicant)); // JIT and connections

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

public sealed class FaultMatrixTests(FaultMatrixFixture fixture) : IClassFixture<FaultMatrixFixture>
{
    private static readonly string[] AgencyKeys =
    [
        "population", "civil-registry", "tax", "labour-contracts", "social-fund", "employment-agency", "disability-registry",
        "education", "traffic-police", "property", "land", "utilities", "health", "status-registries",
    ];

    /// <summary>Each fault, the status its data sets must get, and what their detail may say.</summary>
    private static readonly Dictionary<FaultKind, (FaultPlan Plan, SourceStatus Status, string[] Details)> Faults = new()
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

    public static TheoryData<FaultKind, string> Matrix()
    {
        var data = new TheoryData<FaultKind, string>();
        foreach (var kind in Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None))
        {
            foreach (var agency in AgencyKeys) data.Add(kind, agency);
        }
        return data;
    }

    [Fact]
    public void Matrix_CoversEveryFaultKindTheMocksHave() =>
        Assert.Equal(Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None).Order(), Faults.Keys.Order());

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Assemble_AgencyFaulty_OnTimeWithThatDataSetMarkedAndTheRestComplete(FaultKind kind, string agency)
    {
        var (plan, expected, details) = Faults[kind];
        var hub = fixture.Hub;
        hub.Country[agency].Inject(plan);
        try
        {
            var clock = Stopwatch.StartNew();
            var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(fixture.Applicant));
            clock.Stop();

            Assert.True(clock.ElapsedMilliseconds < FaultMatrixFixture.DeadlineMs + 500, $"took {clock.ElapsedMilliseconds} ms");
            Assert.False(profile.Complete);
            var faulty = profile.Sources.Single(s => s.Agency == agency);
            Assert.Equal(faulty.Asked, faulty.Failed);
            Assert.All(hub.DataSets(profile, agency), set =>
            {
                Assert.Equal(expected, set.Status);
                Assert.True(details.Any(d => set.Detail?.Contains(d, StringComparison.Ordinal) == true), $"detail: {set.Detail}");
            });
            Assert.All(profile.Sources.Where(s => s.Agency != agency), s => Assert.Equal(s.Asked, s.Ok + s.NotFound));
            Assert.NotEmpty(profile.Members);
        }
        finally
        {
            hub.Country[agency].Inject(new FaultPlan(FaultKind.None));
        }
    }
}
