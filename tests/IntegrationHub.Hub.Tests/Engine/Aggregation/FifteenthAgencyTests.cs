using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Adapters.StatusRegistries;
using IntegrationHub.Adapters.TrafficPolice;
using IntegrationHub.Mocks.Agencies;
using IntegrationHub.Mocks.Agencies.StatusRegistries;
using IntegrationHub.Mocks.Agencies.TrafficPolice;

namespace IntegrationHub.Hub.Tests.Engine.Aggregation;

/// <summary>
/// A hub with a fifteenth agency: a copy of the traffic police under a key of its own, registered as every agency of the
/// catalog is (<see cref="AgencyCatalog.AddAgency"/>) with its mock started as every mock is, and one policy line naming
/// its data set. No list of agencies is edited: the profile, the fault matrix and health find it by themselves.
/// </summary>
public sealed class FifteenthAgencyFixture : IAsyncLifetime
{
    public const string Key = "traffic-police-regional";

    public const string DataSet = "vehicles-regional";

    private static readonly AgencyDefinition Agency =
        AgencyCatalog.Get(TrafficPoliceAdapter.Key).As(Key, "Traffic police (regional)", DataSet);

    public HubFactory Hub { get; } = new(
        HubFactory.EveryDataSet(FaultMatrix.Settings(), DataSet),
        extraAgencies: [(Agency, p => new TrafficPoliceMock(p) { Key = Key, Name = "Traffic police (regional)" })]);

    public string Applicant => FaultMatrix.Applicant(Hub);

    public async ValueTask InitializeAsync() => await FaultMatrix.WarmAsync(Hub, Applicant, Key);

    public async ValueTask DisposeAsync() => await Hub.DisposeAsync();
}

public sealed class FifteenthAgencyTests(FifteenthAgencyFixture fixture) : IClassFixture<FifteenthAgencyFixture>
{
    public static TheoryData<FaultKind, string> Matrix() => FaultMatrix.Rows([FifteenthAgencyFixture.Key]);

    [Fact]
    public async Task Assemble_FifteenthAgency_AskedAboutEveryMemberAndItsAnswersInTheProfile()
    {
        var requestsBefore = fixture.Hub.Country[FifteenthAgencyFixture.Key].Requests;

        var profile = await HubFactory.ReadProfileAsync(await fixture.Hub.PostProfileAsync(fixture.Applicant));

        Assert.Equal(AgencyCatalog.All.Count + 1, profile.Sources.Count);
        var source = profile.Sources.Single(s => s.Agency == FifteenthAgencyFixture.Key);
        Assert.Equal(profile.Members.Count, source.Asked);
        Assert.Equal(source.Asked, source.Ok + source.NotFound);
        Assert.True(fixture.Hub.Country[FifteenthAgencyFixture.Key].Requests > requestsBefore);
        Assert.All(fixture.Hub.DataSets(profile, FifteenthAgencyFixture.Key), set =>
        {
            Assert.Equal(SourceStatus.Ok, set.Status);
            Assert.Equal(FifteenthAgencyFixture.Key, set.Provenance?.Agency);
        });
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task Assemble_FifteenthAgencyFaulty_OnTimeWithItsDataSetMarkedAndTheRestComplete(FaultKind kind, string agency) =>
        FaultMatrix.AssertRowAsync(fixture.Hub, fixture.Applicant, kind, agency);

    [Fact]
    public async Task ReadyAndAgencyState_FifteenthAgency_Listed()
    {
        var client = fixture.Hub.CreateClient();

        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready", TestContext.Current.CancellationToken);
        var state = await client.GetFromJsonAsync<JsonElement>("/api/v1/agencies/state", TestContext.Current.CancellationToken);

        var checkedAgencies = ready.GetProperty("checks").GetProperty("agencies").GetProperty("data").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(AgencyCatalog.All.Select(a => a.Agency.Key).Append(FifteenthAgencyFixture.Key).Order(), checkedAgencies.Order());
        var listed = state.GetProperty("agencies").EnumerateArray().Single(a => a.GetProperty("agency").GetString() == FifteenthAgencyFixture.Key);
        Assert.Equal(FifteenthAgencyFixture.DataSet, listed.GetProperty("dataSet").GetString());
    }
}

/// <summary>
/// A copy of one of the registries that decide the household (the status registries) under a key of its own: one more
/// source of its data set, while the household is still resolved by the catalog's own registry. With the resolver
/// picking its registries by type alone, every profile of such a hub was a 500.
/// </summary>
public sealed class HouseholdRegistryCopyTests
{
    private const string Key = "status-registries-regional";

    private const string DataSet = "statuses-regional";

    [Fact]
    public async Task Assemble_CopyOfTheStatusRegistries_ProfileWithTheCopyAskedAboutEveryMember()
    {
        var agency = AgencyCatalog.Get(StatusRegistriesAdapter.Key).As(Key, "Status registries (regional)", DataSet);
        // Unhurried budgets: this is about which registries are asked, not about time. On the factory's test-sized ones
        // (800 ms attempts), at load 50, the copy was asked about all 5 members and gave no answer or not-found for any.
        await using var hub = new HubFactory(
            HubFactory.EveryDataSet(AgencyBudgets.Unhurried(), DataSet),
            extraAgencies: [(agency, p => new StatusRegistriesMock(p) { Key = Key, Name = "Status registries (regional)" })]);

        var profile = await hub.AssembleAsync(FaultMatrix.Applicant(hub));

        var copy = profile.Sources.Single(s => s.Agency == Key);
        Assert.Equal(profile.Members.Count, copy.Asked);
        Assert.Equal(copy.Asked, copy.Ok + copy.NotFound);
        Assert.Equal(profile.Members.Count, profile.Sources.Single(s => s.Agency == StatusRegistriesAdapter.Key).Asked);
    }
}
