using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Profiles;
using UtilityAccount = IntegrationHub.Contracts.Profiles.DataSets.UtilityAccount;

namespace IntegrationHub.Hub.Tests.Engine.Profiles;

/// <summary>
/// A cached answer's data is serialized once, when it is cached, and spliced into every profile that serves it: the
/// profile's JSON (and the hash in its audit record) is byte for byte what a plain serialization writes, and each data
/// set's provenance is still the answer's own.
/// </summary>
public sealed class CachedDataJsonTests
{
    private static readonly Dictionary<string, string?> CacheOn = new()
    {
        ["Cache:Enabled"] = "true",
        ["Agencies:Defaults:CacheLifetime"] = "00:10:00",
        ["Agencies:Defaults:MaxRetries"] = "0",
    };

    [Fact]
    public async Task CachedProfile_ItsJsonIsWhatAPlainSerializationWrites_AndItsAuditRecordHashesIt()
    {
        var time = HubFactory.ClockToday();
        await using var hub = new HubFactory(CacheOn, time: time);
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;
        var profiles = hub.Services.GetRequiredService<HouseholdProfileService>();
        var request = new ProfileRequest(applicant, null, "targeted-social-assistance", "VEM-SPLICE");
        var caller = new ProfileCaller("assistance");
        var token = TestContext.Current.CancellationToken;
        await profiles.GetOnceAsync(request, caller, token);
        time.Advance(TimeSpan.FromSeconds(50));

        var second = await profiles.GetOnceAsync(request, caller, token);
        time.Advance(TimeSpan.FromSeconds(30));
        var third = await profiles.GetOnceAsync(request, caller, token);

        var profile = second.Outcome.Value!;
        Assert.All(profile.Sources, s => Assert.Equal(s.Asked, s.FromCache));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(profile, ProfileJson.Unspliced), second.Json.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(third.Outcome.Value!, ProfileJson.Unspliced), third.Json.ToArray());
        var record = hub.Services.GetRequiredService<IAuditStore>().ProfilesReturnedAbout(applicant, 10).Single(r => r.ProfileId == profile.ProfileId);
        Assert.Equal(AuditRecord.Sha256(second.Json.Span), record.ProfileHash);

        // The same cached data in both answers, each with its own provenance.
        var spliced = Tax(second.Json);
        var later = Tax(third.Json);
        Assert.Equal(spliced.GetProperty("data").GetRawText(), later.GetProperty("data").GetRawText());
        Assert.Equal("00:00:50", spliced.GetProperty("provenance").GetProperty("age").GetString());
        Assert.Equal("00:01:20", later.GetProperty("provenance").GetProperty("age").GetString());
        Assert.True(later.GetProperty("provenance").GetProperty("fromCache").GetBoolean());
    }

    [Fact]
    public void KeptData_IsWrittenAsTheBytesKeptWhenItWasCached()
    {
        // The list behind the data grows after it was kept (never done by the hub: here it shows the bytes are reused).
        var charges = new List<UtilityCharge> { new(new DateOnly(2025, 1, 1), "E-1", 10.5m, 10.5m) };
        var kept = new UtilitiesData([], charges);
        CachedDataJson.Keep(kept);
        var keptJson = JsonSerializer.Serialize(kept, ProfileJson.Unspliced);
        charges.Add(new UtilityCharge(new DateOnly(2025, 2, 1), "E-1", 11m, 11m));
        var profile = Profile(kept);

        var written = JsonSerializer.Serialize(profile, ProfileJson.Options);

        Assert.Contains($"\"utilities\":{{\"status\":\"Ok\",\"data\":{keptJson},", written, StringComparison.Ordinal);
        Assert.NotEqual(JsonSerializer.Serialize(profile, ProfileJson.Unspliced), written);
    }

    [Fact]
    public void DataNotKept_IsWrittenAsAPlainSerializationWritesIt()
    {
        var profile = Profile(new UtilitiesData([new UtilityAccount("E-1", "Azerishiq", UtilityKind.Electricity, "M-1", "A-1")], [new(new DateOnly(2025, 1, 1), "E-1", 10.5m, 10.5m)]));

        Assert.Equal(JsonSerializer.Serialize(profile, ProfileJson.Unspliced), JsonSerializer.Serialize(profile, ProfileJson.Options));
        // And read back alike.
        var json = JsonSerializer.Serialize(profile, ProfileJson.Options);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<HouseholdProfile>(json, ProfileJson.Options), ProfileJson.Unspliced));
    }

    private static JsonElement Tax(ReadOnlyMemory<byte> json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("members").EnumerateArray().First().GetProperty("taxIncome");

    private static HouseholdProfile Profile(UtilitiesData utilities)
    {
        var fin = Fin.Parse("WDT8LT0");
        var provenance = new Provenance("utilities", DateTimeOffset.UnixEpoch, FromCache: true, TimeSpan.FromSeconds(5));
        var member = new MemberProfile(fin, RelationToApplicant.Applicant, [MemberSource.Applicant], []) { Utilities = new DataSet<UtilitiesData>(SourceStatus.Ok, utilities, provenance) };
        return new HouseholdProfile(Guid.NewGuid(), fin, "targeted-social-assistance", "VEM-TEST", DateTimeOffset.UnixEpoch, TimeSpan.Zero, true,
            [member], [], new HouseholdSummary(1, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), [], 0, true, new AssetFlags(null, null, null)), []);
    }
}
