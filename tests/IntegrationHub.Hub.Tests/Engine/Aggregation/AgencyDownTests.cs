using IntegrationHub.Adapters;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Engine.Aggregation;

/// <summary>One hub and mock country for the class; each test stops one agency and heals it after.</summary>
public sealed class AgencyDownFixture : IAsyncLifetime
{
    public HubFactory Hub { get; } = new(HubFactory.EveryDataSet(new() { ["Aggregation:Deadline"] = "00:00:02" }));

    public async ValueTask InitializeAsync()
    {
        var warmUp = Hub.Country.Population.Samples()[0].Fin;
        (await Hub.PostProfileAsync(warmUp)).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

public sealed class AgencyDownTests(AgencyDownFixture fixture) : IClassFixture<AgencyDownFixture>
{
    public static readonly TheoryData<string> Agencies = new(AgencyCatalog.All.Select(a => a.Agency.Key));

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Assemble_OneAgencyStopped_PartialProfileOnTime(string agency)
    {
        var hub = fixture.Hub;
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;
        hub.Country[agency].Inject(new FaultPlan(FaultKind.Down));
        try
        {
            var clock = Stopwatch.StartNew();
            var profile = await HubFactory.ReadProfileAsync(await hub.PostProfileAsync(applicant));
            clock.Stop();

            Assert.True(clock.ElapsedMilliseconds < 2_500, $"took {clock.ElapsedMilliseconds} ms");
            Assert.False(profile.Complete);
            var down = profile.Sources.Single(s => s.Agency == agency);
            Assert.Equal(down.Asked, down.Failed);
            Assert.All(profile.Sources.Where(s => s.Agency != agency), s => Assert.Equal(s.Asked, s.Ok + s.NotFound));
            Assert.NotEmpty(profile.Members);
        }
        finally
        {
            hub.Country[agency].Inject(new FaultPlan(FaultKind.None));
        }
    }
}
