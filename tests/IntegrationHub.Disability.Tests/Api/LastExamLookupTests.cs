namespace IntegrationHub.Disability.Tests.Api;

public sealed class LastExamLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> LookUpAsync(HttpClient client, string idCardNumber, DateOnly birthDate) =>
        client.PostAsJsonAsync("/api/v1/disability/last-exam", new { idCardNumber, birthDate = birthDate.ToString("yyyy-MM-dd") }, Ct);

    /// <summary>A problem body without the per-request trace id.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>(Ct);
        json!.Remove("traceId");
        return JsonSerializer.Serialize(json.OrderBy(p => p.Key));
    }

    private static string UnknownCard(DisabilityFactory host)
    {
        for (var n = 1000000; ; n++)
        {
            var card = "AA" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!host.Country.Population.ByIdCard.ContainsKey(card)) return card;
        }
    }

    [Fact]
    public async Task LastExam_CorrectPair_ResultAndNextExamOnly()
    {
        await using var host = new DisabilityFactory();
        var person = host.HealthyAdult();
        await host.DecideAsync(person, 45);

        var response = await LookUpAsync(host.Client(null, "10.0.0.1"), person.IdCardNumber, person.BirthDate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(45, body.GetProperty("percent").GetInt32());
        Assert.Equal("From31To60", body.GetProperty("category").GetString());
        Assert.Equal(TestClock.Today.AddYears(1).ToString("yyyy-MM-dd"), body.GetProperty("nextExam").GetString());
        Assert.False(body.GetProperty("indefinite").GetBoolean());
        // The result and the next exam, nothing about who the person is.
        Assert.Equal(["category", "formerDegree", "indefinite", "nextExam", "percent", "startDate"], body.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task LastExam_UnknownCard_WrongBirthDate_NoExam_AllTheSameAnswer()
    {
        await using var host = new DisabilityFactory();
        var person = host.HealthyAdult();
        var undecided = host.HealthyAdult(skip: 1);
        await host.DecideAsync(person, 45);
        var anonymous = host.Client(null, "10.0.0.2");

        var wrongBirth = await LookUpAsync(anonymous, person.IdCardNumber, person.BirthDate.AddDays(1));
        var unknownCard = await LookUpAsync(anonymous, UnknownCard(host), person.BirthDate);
        var noExam = await LookUpAsync(anonymous, undecided.IdCardNumber, undecided.BirthDate);

        Assert.All([wrongBirth, unknownCard, noExam], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var bodies = new[] { await BodyAsync(wrongBirth), await BodyAsync(unknownCard), await BodyAsync(noExam) };
        Assert.Single(bodies.Distinct());
        Assert.Contains("no-matching-exam", bodies[0]);
        Assert.Equal(wrongBirth.Content.Headers.ContentType, unknownCard.Content.Headers.ContentType);
    }

    [Fact]
    public async Task LastExam_ScriptedBirthDateSearchOnOneCard_StoppedTheSameWayForAKnownAndAnUnknownCard()
    {
        await using var host = new DisabilityFactory();
        var person = host.HealthyAdult();
        await host.DecideAsync(person, 45);

        // A script walks birth dates for one card, changing its address every time (the per-card limit is what stops it).
        async Task<List<HttpStatusCode>> WalkAsync(string card, int start)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 8; i++)
            {
                var response = await LookUpAsync(host.Client(null, $"10.1.{start}.{i}"), card, new DateOnly(1970, 1, 1).AddDays(i));
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.Equal("too-many-lookups", (await Problem.ReadAsync(response)).Code);
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }
            return statuses;
        }

        var known = await WalkAsync(person.IdCardNumber, 1);
        var unknown = await WalkAsync(UnknownCard(host), 2);

        Assert.Equal(known, unknown);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), known);
        // Once stopped, even the right birth date gets the same refusal: the script learns nothing from it.
        var right = await LookUpAsync(host.Client(null, "10.9.9.9"), person.IdCardNumber, person.BirthDate);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task LastExam_CardLockedByAStranger_OwnerStillReadsTheirExamsWithTheirToken_And429SaysSo()
    {
        await using var host = new DisabilityFactory();
        var owner = host.HealthyAdult();
        await host.DecideAsync(owner, 45);
        for (var i = 0; i < 5; i++) await LookUpAsync(host.Client(null, $"10.7.0.{i}"), owner.IdCardNumber, new DateOnly(1960, 1, 1).AddDays(i));

        var locked = await LookUpAsync(host.Client(null, "10.7.1.1"), owner.IdCardNumber, owner.BirthDate);
        var exams = await host.CitizenClient(owner.Fin).GetFromJsonAsync<JsonElement>($"/api/v1/disability/citizens/{owner.Fin}/exams", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("signed in", (await Problem.ReadAsync(locked)).Detail, StringComparison.Ordinal);
        Assert.Equal(45, Assert.Single(exams.EnumerateArray()).GetProperty("percent").GetInt32());
    }

    [Fact]
    public async Task LastExam_OneAddressTryingManyCards_StoppedAfterThePerClientLimit()
    {
        await using var host = new DisabilityFactory(new Dictionary<string, string?> { ["Disability:Lookup:PerClientLimit"] = "4" });
        var anonymous = host.Client(null, "10.2.0.1");
        var cards = host.Country.Population.People.Take(6).ToList();

        var statuses = new List<HttpStatusCode>();
        foreach (var p in cards) statuses.Add((await LookUpAsync(anonymous, p.IdCardNumber, p.BirthDate)).StatusCode);
        var otherAddress = await LookUpAsync(host.Client(null, "10.2.0.2"), cards[5].IdCardNumber, cards[5].BirthDate);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 4).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        Assert.Equal(HttpStatusCode.NotFound, otherAddress.StatusCode);
    }

    [Fact]
    public async Task LastExam_EveryLookupIsRecorded_WithItsOutcome_AndRefusalsCounted()
    {
        // The background flush waits an hour: the test flushes itself.
        await using var host = new DisabilityFactory(new Dictionary<string, string?>
        {
            ["Disability:Lookup:PerClientLimit"] = "3",
            ["Disability:Lookup:RefusalFlushInterval"] = "01:00:00",
        });
        var person = host.HealthyAdult();
        await host.DecideAsync(person, 45);
        var anonymous = host.Client(null, "10.3.0.1");

        await LookUpAsync(anonymous, person.IdCardNumber, person.BirthDate);
        await LookUpAsync(anonymous, person.IdCardNumber, person.BirthDate.AddYears(1));
        await LookUpAsync(anonymous, "XYZ", person.BirthDate);
        await LookUpAsync(anonymous, person.IdCardNumber, person.BirthDate);

        var store = host.Services.GetRequiredService<IDisabilityStore>();
        var lookups = store.Lookups(DateTimeOffset.MinValue);
        Assert.Equal(["answered", "no-match", "invalid"], lookups.Select(l => l.Outcome));
        Assert.All(lookups, l => Assert.Equal("10.3.0.1", l.Client));
        Assert.Equal(person.IdCardNumber, lookups[0].IdCardNumber);
        // The refusal is counted in memory and written with the period's others.
        Assert.Equal(1, await host.Services.GetRequiredService<LastExamLookup>().FlushRefusalsAsync(Ct));
        var refusal = Assert.Single(store.Refusals(DateTimeOffset.MinValue));
        Assert.Equal(("web", "10.3.0.1", "client", 1L), (refusal.Channel, refusal.Client, refusal.Limit, refusal.Count));
    }

    [Fact]
    public async Task LastExam_MalformedInput_SaysWhichField()
    {
        await using var host = new DisabilityFactory();
        var anonymous = host.Client(null, "10.4.0.1");

        var badCard = await anonymous.PostAsJsonAsync("/api/v1/disability/last-exam", new { idCardNumber = "AZE123", birthDate = "1980-01-01" }, Ct);
        var badDate = await anonymous.PostAsJsonAsync("/api/v1/disability/last-exam", new { idCardNumber = "AA1234567", birthDate = "01.01.1980" }, Ct);

        Assert.Equal("invalid-id-card", (await Problem.ReadAsync(badCard)).Code);
        Assert.Equal("invalid-birth-date", (await Problem.ReadAsync(badDate)).Code);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("9999-12-31")]
    public async Task LastExam_BirthDateNoLivingPersonHas_Is400InvalidBirthDate(string birthDate)
    {
        await using var host = new DisabilityFactory();
        var anonymous = host.Client(null, "10.4.0.2");

        var response = await anonymous.PostAsJsonAsync("/api/v1/disability/last-exam", new { idCardNumber = "AA1234567", birthDate }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("invalid-birth-date", "birthDate"), (problem.Code, problem.Field));
    }

    [Fact]
    public async Task LastExam_WithAMinimumDuration_MatchAndNoMatchTakeAboutAsLong()
    {
        await using var host = new DisabilityFactory(new Dictionary<string, string?>
        {
            ["Disability:Lookup:MinimumDuration"] = "00:00:00.120",
            ["Disability:Lookup:PerClientLimit"] = "1000",
            ["Disability:Lookup:PerIdLimit"] = "1000",
        });
        var person = host.HealthyAdult();
        await host.DecideAsync(person, 45);
        var anonymous = host.Client(null, "10.5.0.1");
        var unknown = UnknownCard(host);

        async Task<double> TimeMsAsync(string card, DateOnly birth)
        {
            var watch = Stopwatch.StartNew();
            await LookUpAsync(anonymous, card, birth);
            return watch.Elapsed.TotalMilliseconds;
        }

        // Interleaved, so that load from elsewhere on the machine falls on all three alike.
        var times = new List<(double Match, double WrongBirth, double NoCard)>();
        for (var i = 0; i < 12; i++)
        {
            times.Add((await TimeMsAsync(person.IdCardNumber, person.BirthDate), await TimeMsAsync(person.IdCardNumber, person.BirthDate.AddDays(3)), await TimeMsAsync(unknown, person.BirthDate)));
        }
        times.RemoveAt(0); // warm-up
        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        var match = Median(times.Select(t => t.Match));
        var wrongBirth = Median(times.Select(t => t.WrongBirth));
        var noCard = Median(times.Select(t => t.NoCard));
        TestContext.Current.TestOutputHelper?.WriteLine($"median ms: match {match:F1}, wrong birth date {wrongBirth:F1}, unknown card {noCard:F1}");

        Assert.All([match, wrongBirth, noCard], ms => Assert.InRange(ms, 120, 400));
        Assert.True(Math.Abs(wrongBirth - noCard) < 40, $"wrong birth date {wrongBirth:F1} ms, unknown card {noCard:F1} ms");
    }

    [Fact]
    public async Task CallCentre_KeyedDigits_ShortSentenceForTheVoiceMenu()
    {
        await using var host = new DisabilityFactory();
        var person = host.HealthyAdult();
        var decided = await host.DecideAsync(person, 70, cause: "Chernobyl");
        Assert.True(decided.GetProperty("result").GetProperty("indefinite").GetBoolean());
        var callCentre = host.Client("call-centre");
        var digits = person.IdCardNumber.StartsWith("AZE", StringComparison.Ordinal) ? person.IdCardNumber[3..] : person.IdCardNumber[2..];

        var answer = await callCentre.PostAsJsonAsync("/api/v1/disability/call-centre/last-exam",
            new { callerNumber = "+994501234567", idDigits = digits, birthDigits = person.BirthDate.ToString("ddMMyyyy") }, Ct);
        var miss = await callCentre.PostAsJsonAsync("/api/v1/disability/call-centre/last-exam",
            new { callerNumber = "+994501234567", idDigits = digits, birthDigits = person.BirthDate.AddDays(1).ToString("ddMMyyyy") }, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("text/plain", answer.Content.Headers.ContentType!.ToString());
        Assert.Equal("Son müayinənin nəticəsi: 70 faiz. Əlillik müddətsiz təyin edilib.", await answer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        Assert.Equal("Daxil etdiyiniz məlumatlara uyğun müayinə tapılmadı.", await miss.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).PostAsJsonAsync("/api/v1/disability/call-centre/last-exam",
            new { callerNumber = "+994501234567", idDigits = digits, birthDigits = "01011980" }, Ct)).StatusCode);
    }
}
