using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Mocks.LifeEvents;

namespace IntegrationHub.Assistance.Tests.EndToEnd;

/// <summary>
/// From an agency's change to a new decision, the whole binary in one process: the mock country changes, its agency
/// sends the signed event to the hub's door, the hub tells assistance, and assistance decides again (or offers) with
/// no one asking.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LifeEventFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SampleOf(AssistanceFactory factory, string kind) =>
        factory.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    private static async Task<JsonElement> DecisionDetailAsync(AssistanceFactory factory, string number) =>
        await factory.PersonClient(People.Caseworker()).GetFromJsonAsync<JsonElement>($"/api/v1/assistance/decisions/{number}", AssistanceFactory.Json, Ct);

    [Fact]
    public async Task DeathInApprovedHousehold_NewDecisionForTheSmallerHouseholdWithItsNotice_Within30Seconds()
    {
        await using var factory = new AssistanceFactory();
        var fin = SampleOf(factory, "low-income-family");
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, new { kind = "email", address = "family@example.az" }));
        var first = await factory.WaitForDecisionAsync(number);
        Assert.Equal("approved", first.Status);
        await factory.Smtp.WaitForAsync(2, TimeSpan.FromSeconds(20));
        var household = factory.Country.Population.ByFin[fin].Household.Members.Where(m => !m.Deceased).ToList();
        var member = household.First(m => m.Fin != fin && m.Role == "child");

        var sent = Assert.Single(factory.Country.Change(SyntheticPopulation.KindDeath, member.Fin));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var after = await factory.WaitForStatusAsync(number, s => s.Decision?.MonthlyAmount != first.Decision!.MonthlyAmount || s.Status != "approved", TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(after.Decision!.MonthlyAmount != first.Decision!.MonthlyAmount || after.Status != "approved",
            $"no new decision within 30 s; event {sent.State} {sent.LastError}; detail {await DecisionDetailAsync(factory, number)}");
        var detail = await DecisionDetailAsync(factory, number);
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        var current = detail.GetProperty("decision");
        Assert.Equal("re-evaluation", current.GetProperty("kind").GetString());
        Assert.Equal("change in circumstances", current.GetProperty("justification").GetString());
        Assert.Equal(history[0].GetProperty("decisionId").GetString(), current.GetProperty("supersedes").GetString());
        Assert.False(string.IsNullOrEmpty(current.GetProperty("ruleVersion").GetString()));
        var reEvaluation = Assert.Single(detail.GetProperty("reEvaluations").EnumerateArray());
        Assert.Equal(("death", "changed"), (reEvaluation.GetProperty("triggerKind").GetString(), reEvaluation.GetProperty("state").GetString()));
        // The smaller household: one criterion less (the member had no income of their own to lose).
        if (after.Status == "approved")
        {
            Assert.True(after.Decision.MonthlyAmount < first.Decision.MonthlyAmount, $"{after.Decision.MonthlyAmount} after {first.Decision.MonthlyAmount}");
        }
        // Its notice, on the declared channel, says what changed.
        var mails = await factory.Smtp.WaitForAsync(3, TimeSpan.FromSeconds(20));
        Assert.Contains(mails, m => m.To.Mailboxes.Single().Address == "family@example.az"
            && m.TextBody!.Contains("a household member died", StringComparison.Ordinal));
        // Replay works for the re-evaluation too: its snapshot gives the same result.
        using var replay = await factory.PersonClient(People.Caseworker()).PostAsync($"/api/v1/assistance/decisions/{number}/replay", null, Ct);
        Assert.True((await replay.Content.ReadFromJsonAsync<JsonElement>(AssistanceFactory.Json, Ct)).GetProperty("sameAsStored").GetBoolean());
    }

    [Fact]
    public async Task ChangeThatLeavesTheOutcome_RecordedAsChecked_NoNewDecision()
    {
        await using var factory = new AssistanceFactory();
        var fin = SampleOf(factory, "low-income-family");
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, new { kind = "ecabinet" }));
        Assert.Equal("approved", (await factory.WaitForDecisionAsync(number)).Status);
        // The social fund reports a pension it has not (yet) put in its register: the fresh profile is the same as before.
        var now = factory.Time.GetUtcNow();
        var (body, contentType) = LifeEventSender.Encode(new SentEvent
        {
            Id = "fund-" + Guid.NewGuid().ToString("N"), Agency = "social-fund", Kind = SyntheticPopulation.KindPensionGranted, Fins = [fin],
            Date = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), CreatedAt = now,
        }, now);
        using var request = new HttpRequestMessage(HttpMethod.Post, LifeEventSender.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(LifeEventIntake.KeyHeader, AgencyEventSigner.KeyId("social-fund"));
        request.Headers.Add(LifeEventIntake.SignatureHeader, AgencyEventSigner.Sign("social-fund", body));
        using var response = await factory.CreateClient().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        static bool ReEvaluated(JsonElement d) =>
            d.GetProperty("reEvaluations").EnumerateArray().ToList() is [var only] && only.GetProperty("state").GetString() != "pending";
        var detail = await Poll.ReadUntilAsync(() => DecisionDetailAsync(factory, number), ReEvaluated, TimeSpan.FromSeconds(30));
        Assert.True(ReEvaluated(detail), $"the re-evaluation did not finish within 30 s: {detail.GetProperty("reEvaluations")}");
        var reEvaluation = Assert.Single(detail.GetProperty("reEvaluations").EnumerateArray());
        Assert.Equal(("pension-granted", "unchanged"), (reEvaluation.GetProperty("triggerKind").GetString(), reEvaluation.GetProperty("state").GetString()));
        Assert.Single(detail.GetProperty("history").EnumerateArray());
        Assert.Equal("automatic", detail.GetProperty("decision").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task BirthWithoutAward_Offer_AcceptedIntoAnApplicationThatIsDecided()
    {
        await using var factory = new AssistanceFactory();
        var head = SampleOf(factory, "low-income-family");
        var person = factory.Country.Population.ByFin[head];
        var mother = person.Sex == 'F' ? person : person.Household.Members.First(m => m.Role == "spouse" && !m.Deceased && m.Sex == 'F');
        _ = factory.Services; // the host is up, so the agencies' events have a door to go to

        var sent = Assert.Single(factory.Country.Change(SyntheticPopulation.KindBirth, mother.Fin));

        using var citizen = factory.CitizenClient(mother.Fin);
        var offers = await Poll.ReadUntilAsync(
            () => citizen.GetFromJsonAsync<JsonElement>("/api/v1/assistance/offers", AssistanceFactory.Json, Ct), o => o.GetArrayLength() > 0, TimeSpan.FromSeconds(30));
        Assert.True(offers.GetArrayLength() > 0, $"no offer within 30 s; event {sent.State} {sent.LastError}");
        var offer = offers[0];
        Assert.Equal("offered", offer.GetProperty("state").GetString());
        var offerId = offer.GetProperty("offerId").GetString()!;
        // Someone else cannot accept it.
        using (var stranger = factory.CitizenClient(factory.Country.Population.Samples().Single(s => s.HouseholdKind == "well-off").Fin))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/assistance/offers/{offerId}/accept", null, Ct)).StatusCode);
        }

        using var accepted = await citizen.PostAsync($"/api/v1/assistance/offers/{offerId}/accept", null, Ct);
        using var again = await citizen.PostAsync($"/api/v1/assistance/offers/{offerId}/accept", null, Ct);

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var application = (await accepted.Content.ReadFromJsonAsync<AcceptedBody>(AssistanceFactory.Json, Ct))!;
        Assert.Equal(application.ApplicationNumber, (await again.Content.ReadFromJsonAsync<AcceptedBody>(AssistanceFactory.Json, Ct))!.ApplicationNumber);
        var status = await Poll.ReadUntilAsync(
            () => citizen.GetFromJsonAsync<StatusBody>($"/api/v1/assistance/applications/{application.ApplicationNumber}", AssistanceFactory.Json, Ct), s => s?.Decision is not null,
            TimeSpan.FromSeconds(30));
        Assert.True(status?.Decision is not null, $"not decided within 30 s: {status?.Status}; {factory.Services.GetRequiredService<AssistanceStore>().Find(application.ApplicationNumber)?.LastProblem}");
        Assert.Contains(status!.Status, new[] { "approved", "refused" });
    }
}
