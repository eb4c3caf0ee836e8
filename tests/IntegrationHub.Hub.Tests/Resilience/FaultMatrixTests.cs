using System.Diagnostics;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Resilience;

/// <summary>
/// One hub and mock country per fault kind, with short budgets: every agency in turn shows the fault
/// while a profile is assembled. Real network and real delays: how the hub meets a broken registry on
/// the wire is the point. The breaker is kept out of the way here (<c>BreakerTests</c> covers it).
/// </summary>
public abstract class FaultMatrixFixture(FaultPlan plan, int deadlineMs = 3_000, int attemptMs = 1_000, int totalMs = 2_200) : IAsyncLifetime
{
    /// <summary>The profile deadline; every reply must come within it plus a small margin.</summary>
    public int DeadlineMs { get; } = deadlineMs;

    public FaultPlan Plan { get; } = plan;

    public HubFactory Hub { get; } = new(new Dictionary<string, string?>
    {
        ["Aggregation:Deadline"] = TimeSpan.FromMilliseconds(deadlineMs).ToString(),
        ["Agencies:Defaults:AttemptTimeout"] = TimeSpan.FromMilliseconds(attemptMs).ToString(),
        ["Agencies:Defaults:TotalTimeout"] = TimeSpan.FromMilliseconds(totalMs).ToString(),
        ["Agencies:Defaults:MaxRetries"] = "1",
        ["Agencies:Defaults:RetryDelay"] = "00:00:00.010",
        ["Agencies:Defaults:MaxRetryAfter"] = "00:00:00.500",
    });

    public string Applicant => Hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;

    public async ValueTask InitializeAsync() => await HubFactory.ReadProfileAsync(await Hub.PostProfileAsync(Applicant)); // JIT and connections

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

/// <summary>The matrix classes run one after another: seven hubs at once on a 2-core machine would make the short budgets flaky.</summary>
[CollectionDefinition(nameof(FaultMatrix))]
public sealed class FaultMatrix;

[Collection(nameof(FaultMatrix))]
/// <param name="details">What the data set's detail may say (one of them).</param>
public abstract class FaultMatrixTests<TFixture>(TFixture fixture, SourceStatus expected, params string[] details)
    where TFixture : FaultMatrixFixture
{
    public static readonly TheoryData<string> Agencies = new(
        "population", "civil-registry", "tax", "labour-contracts", "social-fund", "employment-agency", "disability-registry",
        "education", "traffic-police", "property", "land", "utilities", "health", "status-registries");

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Assemble_AgencyFaulty_OnTimeWithThatDataSetMarkedAndTheRestComplete(string agency)
    {
        var hub = fixture.Hub;
        hub.Country[agency].Inject(fixture.Plan);
        try
        {
            var clock = Stopwatch.StartNew();
            var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(fixture.Applicant));
            clock.Stop();

            Assert.True(clock.ElapsedMilliseconds < fixture.DeadlineMs + 500, $"took {clock.ElapsedMilliseconds} ms");
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

public sealed class DownFixture() : FaultMatrixFixture(new FaultPlan(FaultKind.Down));
/// <summary>Tighter agency budgets than the others (the wait is the agency's whole budget, and the matrix should stay quick).</summary>
public sealed class SlowFixture() : FaultMatrixFixture(new FaultPlan(FaultKind.Slow, DelayMs: 5_000), deadlineMs: 2_000, attemptMs: 400, totalMs: 900);
public sealed class ServerErrorFixture() : FaultMatrixFixture(new FaultPlan(FaultKind.ServerError));
public sealed class RateLimitedFixture() : FaultMatrixFixture(new FaultPlan(FaultKind.RateLimited, RetryAfterSeconds: 30));
public sealed class MalformedJsonFixture() : FaultMatrixFixture(new FaultPlan(FaultKind.MalformedJson));
public sealed class TruncatedBodyFixture() : FaultMatrixFixture(new FaultPlan(FaultKind.TruncatedBody));
public sealed class EmptyOkFixture() : FaultMatrixFixture(new FaultPlan(FaultKind.EmptyOk));

public sealed class DownMatrix(DownFixture f)
    : FaultMatrixTests<DownFixture>(f, SourceStatus.Failed, "could not be reached"), IClassFixture<DownFixture>;

/// <summary>
/// Slower than the agency's whole budget (attempts and retry): its own total timeout ends the wait, inside
/// the deadline; the population and civil registries are asked twice in a row (household first), so the
/// second time the profile deadline may come first.
/// </summary>
public sealed class SlowMatrix(SlowFixture f)
    : FaultMatrixTests<SlowFixture>(f, SourceStatus.TimedOut, "within its time budget", "before the profile deadline"), IClassFixture<SlowFixture>;

public sealed class ServerErrorMatrix(ServerErrorFixture f)
    : FaultMatrixTests<ServerErrorFixture>(f, SourceStatus.Failed, "HTTP 503"), IClassFixture<ServerErrorFixture>;

/// <summary>Retry-After of 30 s is past the agency's budget: no retry, an answer at once.</summary>
public sealed class RateLimitedMatrix(RateLimitedFixture f)
    : FaultMatrixTests<RateLimitedFixture>(f, SourceStatus.Failed, "HTTP 429"), IClassFixture<RateLimitedFixture>;

public sealed class MalformedJsonMatrix(MalformedJsonFixture f)
    : FaultMatrixTests<MalformedJsonFixture>(f, SourceStatus.Failed, "could not be read"), IClassFixture<MalformedJsonFixture>;

public sealed class TruncatedBodyMatrix(TruncatedBodyFixture f)
    : FaultMatrixTests<TruncatedBodyFixture>(f, SourceStatus.Failed, "could not be read"), IClassFixture<TruncatedBodyFixture>;

public sealed class EmptyOkMatrix(EmptyOkFixture f)
    : FaultMatrixTests<EmptyOkFixture>(f, SourceStatus.Failed, "could not be read"), IClassFixture<EmptyOkFixture>;
