using IntegrationHub.Hub.Operations;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Hub.Tests.Engine.Caching;

/// <summary>
/// The agency cache through the profiles API: fresh answers served without a call, stale answers standing
/// in for a failed agency, and the file surviving a restart. Ages and lifetimes run on a fake clock.
/// </summary>
public sealed class AgencyCacheTests
{
    private static readonly Dictionary<string, string?> CacheOn = new()
    {
        ["Cache:Enabled"] = "true",
        ["Agencies:Defaults:CacheLifetime"] = "00:10:00",
        ["Agencies:Defaults:StaleLifetime"] = "1.00:00:00",
        // A retry would wait on the fake clock.
        ["Agencies:Defaults:MaxRetries"] = "0",
    };

    /// <summary>Requests to every agency, the population register's co-resident look-up included.</summary>
    private static long AgencyRequests(HubFactory hub) => hub.Country.Agencies.Sum(a => a.Requests);

    private static readonly Dictionary<string, string?> Generous = new(CacheOn)
    {
        ["Aggregation:Deadline"] = "00:00:30",
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:10",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:20",
        ["Agencies:Defaults:BreakerSamplingDuration"] = "00:01:00",
    };

    private static string Applicant(HubFactory hub) => hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;

    private static Task<HouseholdProfile> ProfileAsync(HubFactory hub) => hub.AssembleAsync(Applicant(hub));

    /// <summary>Every agency that failed a member, with each data set's status and detail, and the host's warnings: the message of a failed assertion.</summary>
    private static string Describe(HubFactory hub, HouseholdProfile profile) =>
        string.Join(Environment.NewLine, profile.Sources.Where(s => s.Failed > 0).Select(s =>
            $"{s.Agency}: {string.Join("; ", hub.DataSets(profile, s.Agency).Select(d => $"{d.Status} ({d.Detail}) {d.Provenance}"))}"))
        + Environment.NewLine + hub.ServerLog;

    [Fact]
    public async Task Assemble_AgainWithinCacheLifetime_ServedFromCacheWithoutCallingAnyAgency()
    {
        var time = HubFactory.ClockToday();
        await using var hub = new HubFactory(CacheOn, time: time);
        var first = await ProfileAsync(hub);
        var calls = AgencyRequests(hub);
        time.Advance(TimeSpan.FromSeconds(50)); // within Cache:NotFoundLifetime too (1 min)

        var second = await ProfileAsync(hub);

        Assert.Equal(calls, AgencyRequests(hub));
        Assert.True(second.Complete);
        Assert.All(second.Sources, s => Assert.Equal(s.Asked, s.FromCache));
        Assert.All(second.Sources, s => Assert.Equal(0, s.Stale));
        var taxSet = hub.DataSets(second, "tax")[0];
        Assert.True(taxSet.Provenance!.FromCache);
        Assert.Equal(TimeSpan.FromSeconds(50), taxSet.Provenance.Age);
        Assert.Equal(JsonSerializer.Serialize(first.Members.Select(m => m.TaxIncome?.Data)), JsonSerializer.Serialize(second.Members.Select(m => m.TaxIncome?.Data)));
        Assert.Equal(0.5, (await StateAsync(hub, "tax")).Cache.HitRatio);
    }

    [Fact]
    public async Task Assemble_PastCacheLifetime_AsksTheAgenciesAgain()
    {
        var time = HubFactory.ClockToday();
        await using var hub = new HubFactory(new Dictionary<string, string?>(CacheOn) { ["Agencies:tax:CacheLifetime"] = "00:01:00" }, time: time);
        await ProfileAsync(hub);
        var tax = hub.Country["tax"].Requests;
        var civil = hub.Country["civil-registry"].Requests;
        time.Advance(TimeSpan.FromMinutes(2));

        var profile = await ProfileAsync(hub);

        Assert.True(hub.Country["tax"].Requests > tax, "tax's one-minute lifetime is over: it should be asked again");
        Assert.Equal(civil, hub.Country["civil-registry"].Requests); // its lifetime is ten minutes
        Assert.Equal(0, profile.Sources.Single(s => s.Agency == "tax").FromCache);
    }

    /// <summary>From 08:00 the answer stands in on the same day; from 22:00 the advance crosses midnight, the query is
    /// for another day (another key), and yesterday's answer stands in.</summary>
    [Theory]
    [InlineData(8)]
    [InlineData(22)]
    public async Task Assemble_AgencyDownWithAnswerInsideStaleBound_CompleteProfileMarkedStale(int startHour)
    {
        var time = HubFactory.ClockToday(startHour);
        await using var hub = new HubFactory(CacheOn, time: time);
        await ProfileAsync(hub);
        time.Advance(TimeSpan.FromHours(3));
        hub.Country["tax"].Inject(new FaultPlan(FaultKind.Down));

        var profile = await ProfileAsync(hub);

        Assert.True(profile.Complete, Describe(hub, profile));
        var tax = profile.Sources.Single(s => s.Agency == "tax");
        Assert.Equal(tax.Asked, tax.Stale);
        Assert.All(hub.DataSets(profile, "tax"), set =>
        {
            Assert.Equal(SourceStatus.Ok, set.Status);
            Assert.True(set.Provenance!.Stale);
            Assert.True(set.Provenance.FromCache);
            Assert.Equal(TimeSpan.FromHours(3), set.Provenance.Age);
            Assert.Contains("could not be reached", set.Detail, StringComparison.Ordinal);
        });
        var others = profile.Sources.Where(s => s.Agency != "tax").ToList();
        Assert.All(others, s => Assert.Equal(0, s.Stale));
        // On a new day nothing cached is fresh (the day is part of the key): the others were asked afresh.
        if (startHour == 22) Assert.All(others, s => Assert.Equal(0, s.FromCache));
        Assert.Equal(tax.Asked, (await StateAsync(hub, "tax")).Cache.StaleServed);
    }

    [Fact]
    public async Task Assemble_AgencyDownWithAnswerPastStaleBound_DataSetFailed()
    {
        var time = HubFactory.ClockToday();
        await using var hub = new HubFactory(CacheOn, time: time);
        await ProfileAsync(hub);
        time.Advance(TimeSpan.FromHours(25));
        hub.Country["tax"].Inject(new FaultPlan(FaultKind.Down));

        var profile = await ProfileAsync(hub);

        Assert.False(profile.Complete, string.Join("; ", hub.DataSets(profile, "tax").Select(d => $"{d.Status} {d.Provenance} {d.Detail}")));
        var tax = profile.Sources.Single(s => s.Agency == "tax");
        Assert.Equal(tax.Asked, tax.Failed);
        Assert.Equal(0, tax.Stale);
    }

    [Fact]
    public async Task Assemble_AfterRestartOverTheSameDataDirectory_ServedFromTheCacheFile()
    {
        var directory = HubFactory.NewDataDirectory();
        try
        {
            string before;
            // Budgets for a cold host on a loaded machine: a warm-up request would fill the cache.
            await using (var first = new HubFactory(Generous, dataDirectory: directory))
            {
                var fresh = await ProfileAsync(first);
                Assert.True(fresh.Complete);
                before = JsonSerializer.Serialize(fresh.Members, HubFactory.Json);
            }
            Assert.True(File.Exists(Path.Combine(directory, "cache.db")));
            // A new process over the same file (and a new mock country: same people, other ports).
            await using var second = new HubFactory(Generous, dataDirectory: directory);
            var profile = await ProfileAsync(second);

            Assert.Equal(0, AgencyRequests(second));
            Assert.True(profile.Complete);
            Assert.All(profile.Sources, s => Assert.Equal(s.Asked, s.FromCache));
            // Every data set comes back from the file as it went in (only the provenance says "from cache").
            Assert.Equal(WithoutProvenance(before), WithoutProvenance(JsonSerializer.Serialize(profile.Members, HubFactory.Json)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string WithoutProvenance(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        foreach (var member in node.AsArray())
        {
            foreach (var (_, set) in member!.AsObject())
            {
                if (set is System.Text.Json.Nodes.JsonObject o) o.Remove("provenance");
            }
        }
        return node.ToJsonString();
    }

    private static async Task<AgencyState> StateAsync(HubFactory hub, string agency)
    {
        var state = await hub.CreateClient().GetFromJsonAsync<AgenciesState>("/api/v1/agencies/state", HubFactory.Json, TestContext.Current.CancellationToken);
        return state!.Agencies.Single(a => a.Agency == agency);
    }
}
