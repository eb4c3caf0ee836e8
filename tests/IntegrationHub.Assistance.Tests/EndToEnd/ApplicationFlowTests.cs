namespace IntegrationHub.Assistance.Tests.EndToEnd;

/// <summary>
/// The whole binary in one process: HTTP application → hub over the bus → the 14 mock agencies → means test →
/// decision → notice on the declared channel. No human step anywhere.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ApplicationFlowTests(SharedAssistance shared) : IClassFixture<SharedAssistance>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SampleOf(AssistanceFactory factory, string kind) =>
        factory.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    [Fact]
    public async Task LowIncomeFamily_AppliesByEmail_IsApprovedAutomatically_AndGetsBothNoticesByEmail()
    {
        await using var factory = new AssistanceFactory();
        var fin = SampleOf(factory, "low-income-family");
        var application = await factory.PrefilledApplicationAsync(fin, new { kind = "email", address = "family@example.az" });

        var number = await factory.SubmitAsync(application);
        var status = await factory.WaitForDecisionAsync(number);

        Assert.Equal("approved", status.Status);
        var decision = status.Decision!;
        var profile = await factory.ProfileAsync(fin);
        var criterion = new RuleSet().CriterionFor(factory.Today.Year);
        Assert.Equal(criterion * profile.Members.Count - profile.Summary.TotalMonthlyIncome, decision.MonthlyAmount);
        Assert.Empty(decision.Reasons);
        var mails = await factory.Smtp.WaitForAsync(2, TimeSpan.FromSeconds(20));
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Equal("family@example.az", m.To.Mailboxes.Single().Address));
        Assert.Contains(mails, m => m.TextBody!.Contains("registered as " + number, StringComparison.Ordinal));
        Assert.Contains(mails, m => m.TextBody!.Contains("is granted on application " + number, StringComparison.Ordinal)
            && m.TextBody.Contains(decision.MonthlyAmount!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " AZN", StringComparison.Ordinal));
    }

    // For each refusal reason, a household kind of the synthetic population whose sample citizen reaches it.
    public static TheoryData<string, string> ReasonSamples => new()
    {
        { RefusalReasons.DeclarationMismatch, "low-income-family" }, // declared without one member
        { RefusalReasons.IncomeAboveThreshold, "well-off" },
        { RefusalReasons.LargeTransactions, "property-seller" },
        { RefusalReasons.Vehicle, "vehicle-owner" },
        { RefusalReasons.RefusedJobOffers, "job-refuser" },
        { RefusalReasons.HighUtilities, "high-utilities" },
        { RefusalReasons.MultipleProperties, "two-homes" },
    };

    [Theory]
    [MemberData(nameof(ReasonSamples))]
    public async Task SampleCitizen_ReachesTheRefusalReason_WithTheReasonInBothLanguages(string reason, string kind)
    {
        var factory = shared.Assistance; // each case its own household kind, so its own applicant
        var fin = SampleOf(factory, kind);
        var application = reason == RefusalReasons.DeclarationMismatch
            ? await factory.PrefilledApplicationAsync(fin, new { kind = "sms", address = "+994501234567" }, p => p.Members.Take(p.Members.Count - 1))
            : await factory.PrefilledApplicationAsync(fin, new { kind = "sms", address = "+994501234567" });

        var number = await factory.SubmitAsync(application);
        var status = await factory.WaitForDecisionAsync(number);

        Assert.Equal("refused", status.Status);
        var given = Assert.Single(status.Decision!.Reasons, r => r.Code == reason);
        Assert.Equal(RefusalReasons.Number(reason), given.Number);
        Assert.Contains(given.TextAz, status.Decision.TextAz, StringComparison.Ordinal);
        Assert.Contains(given.TextEn, status.Decision.TextEn, StringComparison.Ordinal);

        // The decision went out by SMS, to the readable file of the default sender (the other cases' notices are there too).
        var sms = Path.Combine(factory.DataDirectory, "outbox-sms.log");
        string[] Notices() => File.Exists(sms)
            ? File.ReadAllLines(sms).Select(l => l.Split('\t')[1]).Where(n => n.StartsWith(number + ":", StringComparison.Ordinal)).ToArray()
            : [];
        await Poll.UntilAsync(() => Notices().Length >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal([number + ":registration", number + ":decision"], Notices().Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task MemberInPrison_IsNotCounted_InTheDecision()
    {
        var factory = shared.Assistance; // a household kind no other test here applies for
        var fin = SampleOf(factory, "member-in-prison");
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, new { kind = "ecabinet" }));
        await factory.WaitForDecisionAsync(number);

        using var caseworker = factory.PersonClient(People.Caseworker());
        var detail = await caseworker.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/assistance/decisions/{number}", Ct);
        var notCounted = detail.GetProperty("figures").GetProperty("notCounted");
        Assert.Contains(notCounted.EnumerateArray(), m => m.GetProperty("reason").GetString() == "prisoner");
    }

    [Fact]
    public async Task Decision_ReplaysFromItsStoredSnapshot_ToTheSameResult()
    {
        await using var factory = new AssistanceFactory();
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(SampleOf(factory, "vehicle-owner"), new { kind = "ecabinet" }));
        await factory.WaitForDecisionAsync(number);
        using var caseworker = factory.PersonClient(People.Caseworker());

        using var response = await caseworker.PostAsync($"/api/v1/assistance/decisions/{number}/replay", null, Ct);
        var replay = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(replay.GetProperty("sameAsStored").GetBoolean());
        Assert.Equal(new RuleSet().Version, replay.GetProperty("ruleVersion").GetString());
        Assert.Equal("Refused", replay.GetProperty("storedOutcome").GetString());
    }

    [Fact]
    public async Task SameSubmissionTwice_IsOneApplication_AndAKeyReusedForOtherContentIsAConflict()
    {
        await using var factory = new AssistanceFactory();
        var fin = SampleOf(factory, "single");
        var application = await factory.PrefilledApplicationAsync(fin, new { kind = "ecabinet" });
        using var client = factory.CitizenClient(fin);

        using var first = await client.PostAsJsonAsync("/api/v1/assistance/applications", application, Ct);
        using var second = await client.PostAsJsonAsync("/api/v1/assistance/applications", application, Ct);
        var a = await first.Content.ReadFromJsonAsync<AcceptedBody>(AssistanceFactory.Json, Ct);
        var b = await second.Content.ReadFromJsonAsync<AcceptedBody>(AssistanceFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(a!.ApplicationNumber, b!.ApplicationNumber);

        var keyed = await factory.SubmitAsync(new { applicant = fin, idCardNumber = factory.Country.Population.ByFin[fin].IdCardNumber, channel = new { kind = "ecabinet" }, consent = true }, "portal-req-1");
        using var reused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assistance/applications")
        {
            Content = JsonContent.Create(new { applicant = fin, idCardNumber = factory.Country.Population.ByFin[fin].IdCardNumber, channel = new { kind = "sms", address = "+994501234567" }, consent = true }),
        };
        reused.Headers.Add("Idempotency-Key", "portal-req-1");
        using var conflict = await client.SendAsync(reused, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("idempotency-key-reused", (await Problem.ReadAsync(conflict)).Code);
        Assert.NotEqual(a.ApplicationNumber, keyed);
    }
}
