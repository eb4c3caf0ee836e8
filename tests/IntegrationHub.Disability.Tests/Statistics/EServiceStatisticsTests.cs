using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Disability.Tests.Statistics;

/// <summary>
/// The ministry's report after two scripted months of use through the API (the whole host: hub, disability and
/// assistance): each e-service's count per channel is what the script did, and the growth is right. The counter's
/// clock is a fake one moved from February to March (Baku time); the rest of the host runs on the real clock.
/// </summary>
public sealed class EServiceStatisticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 10 February 2026 on Baku time; March is a month later.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 10, 8, 0, 0, TimeSpan.Zero));

    private DisabilityFactory Host() => new(new Dictionary<string, string?>
    {
        ["Roles"] = "hub,disability,assistance",
        // Notices are not what this test looks at: nothing listens there, the outbox keeps them.
        ["Assistance:Notifications:Smtp:Host"] = "127.0.0.1",
        ["Assistance:Notifications:Smtp:Port"] = "9",
        ["Assistance:Notifications:Smtp:Security"] = "None",
    }, services => services.AddSingleton(sp => new UsageCounter(sp.GetRequiredService<IUsageStore>(), sp.GetRequiredService<IOptions<StatisticsOptions>>(), _clock)));

    [Fact]
    public async Task Report_AfterTwoScriptedMonths_CountsWhatTheScriptDid_PerEServiceAndChannel_WithGrowthAndShares()
    {
        await using var host = Host();
        var people = Enumerable.Range(0, 4).Select(i => host.HealthyAdult(i)).ToList();
        foreach (var person in people) await host.DecideAsync(person, 45);
        var script = new Script(host);

        // February: 2 applications, 3 extracts, 3 verifications, 2 lookups on the web (one finds nothing), 1 by phone.
        await script.ApplyAsync(people[0]);
        await script.ApplyAsync(people[1]);
        var codes = new List<string> { await script.ExtractAsync(people[0]), await script.ExtractAsync(people[0]), await script.ExtractAsync(people[1]) };
        foreach (var code in codes) await script.VerifyAsync(code);
        await script.LookUpOnTheWebAsync(people[2], found: true);
        await script.LookUpOnTheWebAsync(people[3], found: false);
        await script.LookUpByPhoneAsync(people[2]);

        // March: 1 application, 6 extracts, 3 verifications, 1 lookup on the web, 3 by phone.
        _clock.Advance(TimeSpan.FromDays(28));
        await script.ApplyAsync(people[2]);
        for (var i = 0; i < 6; i++) codes.Add(await script.ExtractAsync(people[i % 4]));
        foreach (var code in codes.Take(3)) await script.VerifyAsync(code);
        await script.LookUpOnTheWebAsync(people[0], found: true);
        for (var i = 0; i < 3; i++) await script.LookUpByPhoneAsync(people[i + 1]);

        var report = await host.Client(null).GetFromJsonAsync<JsonElement>("/api/v1/operations/statistics/e-services?from=2026-02&to=2026-03", Ct);

        var (february, march) = (report.GetProperty("months")[0], report.GetProperty("months")[1]);
        Assert.Equal(Uses(2, portal: 2), Of(february, EServiceKeys.AssistanceApplication));
        Assert.Equal(Uses(3, portal: 3), Of(february, EServiceKeys.DisabilityExamExtract));
        Assert.Equal(Uses(3, api: 3), Of(february, EServiceKeys.ExtractVerification));
        Assert.Equal(Uses(3, portal: 2, callCentre: 1), Of(february, EServiceKeys.LastExamLookup));
        Assert.Equal(Uses(1, portal: 1), Of(march, EServiceKeys.AssistanceApplication));
        Assert.Equal(Uses(6, portal: 6), Of(march, EServiceKeys.DisabilityExamExtract));
        Assert.Equal(Uses(3, api: 3), Of(march, EServiceKeys.ExtractVerification));
        Assert.Equal(Uses(4, portal: 1, callCentre: 3), Of(march, EServiceKeys.LastExamLookup));
        Assert.Equal(("2026-02", 11L, "2026-03", 14L), (february.GetProperty("month").GetString(), february.GetProperty("total").GetInt64(),
            march.GetProperty("month").GetString(), march.GetProperty("total").GetInt64()));
        Assert.All(EServiceCatalog.All.Skip(4), s => Assert.Equal(0, Of(march, s.Key).Uses));

        // Growth on February: the total 11 → 14 is +27.3 %; per e-service −50, +100, 0, +33.3; shares of 14.
        Assert.Equal(27.3m, march.GetProperty("growthPercent").GetDecimal());
        Assert.True(NoFigure(february, "growthPercent"), "February has no month before it in the store");
        Assert.Equal([-50m, 100m, 0m, 33.3m], Service(march).Take(4).Select(s => s.GetProperty("growthPercent").GetDecimal()));
        Assert.Equal([7.1m, 42.9m, 21.4m, 28.6m], Service(march).Take(4).Select(s => s.GetProperty("sharePercent").GetDecimal()));
        Assert.True(NoFigure(Of(march, EServiceKeys.WorkplaceCertificate).Json, "growthPercent"), "no growth on a month without use");

        // The same report as CSV: a header row, then one row per month and e-service.
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/operations/statistics/e-services?from=2026-02&to=2026-03");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await host.Client(null).SendAsync(csvRequest, Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("month,e_service,name_az,name_en,uses,portal,post_office,call_centre,api,growth_percent,share_percent", lines[0]);
        Assert.Equal(1 + 2 * EServiceCatalog.All.Count, lines.Length);
        Assert.Contains("2026-03,last-exam-lookup,Son müayinə haqqında məlumat (girişsiz),Last exam without login,4,1,0,3,0,33.3,28.6", lines);
    }

    /// <summary>A figure the report has none of: null, or left out as the hub's JSON leaves out nulls.</summary>
    private static bool NoFigure(JsonElement json, string name) => !json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    private static IEnumerable<JsonElement> Service(JsonElement month) => month.GetProperty("eServices").EnumerateArray();

    private static ServiceUses Of(JsonElement month, string key)
    {
        var json = Service(month).Single(s => s.GetProperty("key").GetString() == key);
        var channels = json.GetProperty("channels");
        return new ServiceUses(json.GetProperty("uses").GetInt64(), channels.GetProperty("portal").GetInt64(), channels.GetProperty("post-office").GetInt64(),
            channels.GetProperty("call-centre").GetInt64(), channels.GetProperty("api").GetInt64()) { Json = json };
    }

    private static ServiceUses Uses(long uses, long portal = 0, long postOffice = 0, long callCentre = 0, long api = 0) => new(uses, portal, postOffice, callCentre, api);

    private sealed record ServiceUses(long Uses, long Portal, long PostOffice, long CallCentre, long Api)
    {
        public JsonElement Json { get; init; }

        public bool Equals(ServiceUses? other) => other is not null && (Uses, Portal, PostOffice, CallCentre, Api) == (other.Uses, other.Portal, other.PostOffice, other.CallCentre, other.Api);

        public override int GetHashCode() => HashCode.Combine(Uses, Portal, PostOffice, CallCentre, Api);
    }

    /// <summary>The uses of the script, each through the API as the person or system who makes it, each checked to have succeeded.</summary>
    private sealed class Script(DisabilityFactory host)
    {
        private int _clients;

        public async Task ApplyAsync(Person person)
        {
            using var response = await host.CitizenClient(person.Fin).PostAsJsonAsync("/api/v1/assistance/applications",
                new { applicant = person.Fin, idCardNumber = person.IdCardNumber, channel = new { kind = "ecabinet" }, consent = true }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }

        public async Task<string> ExtractAsync(Person person)
        {
            using var response = await host.CitizenClient(person.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", new { }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()!;
        }

        public async Task VerifyAsync(string code)
        {
            using var response = await host.Client("bank-of-baku").GetAsync($"/api/v1/disability/verify/{code}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async Task LookUpOnTheWebAsync(Person person, bool found)
        {
            // A client address of its own each time: the per-client limit is not what is scripted here.
            var birth = found ? person.BirthDate : person.BirthDate.AddDays(1);
            using var response = await host.Client(null, $"10.22.0.{++_clients}").PostAsJsonAsync("/api/v1/disability/last-exam",
                new { idCardNumber = person.IdCardNumber, birthDate = birth.ToString("yyyy-MM-dd") }, Ct);
            Assert.Equal(found ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        }

        public async Task LookUpByPhoneAsync(Person person)
        {
            var digits = person.IdCardNumber.StartsWith("AZE", StringComparison.Ordinal) ? person.IdCardNumber[3..] : person.IdCardNumber[2..];
            using var response = await host.Client("call-centre").PostAsJsonAsync("/api/v1/disability/call-centre/last-exam",
                new { callerNumber = $"+99450{++_clients:D7}", idDigits = digits, birthDigits = person.BirthDate.ToString("ddMMyyyy") }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
