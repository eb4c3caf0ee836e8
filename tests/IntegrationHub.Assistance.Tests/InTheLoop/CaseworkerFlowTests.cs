namespace IntegrationHub.Assistance.Tests.InTheLoop;

/// <summary>
/// People in the loop, end to end (hub and assistance in one process, the mock country): a case the hub refused is
/// claimed and decided by a caseworker and notified, a second caseworker cannot take it meanwhile; a refused citizen
/// contests an item with a document, appeals, and gets a new decision from another caseworker; every caseworker's look is
/// in the citizen's "who looked" view.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CaseworkerFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object ECabinet = new { kind = "ecabinet" };

    private static readonly byte[] Pdf = "%PDF-1.4\n% the sale contract of the car\n"u8.ToArray();

    private static string SampleOf(AssistanceFactory factory, string kind) =>
        factory.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    /// <summary>A FIN of the right form that the population register does not know (the hub refuses a profile for it).</summary>
    private static string UnknownFin(AssistanceFactory factory)
    {
        for (var i = 0; ; i++)
        {
            var fin = "Z" + i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            if (!factory.Country.Population.ByFin.ContainsKey(fin)) return fin;
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body) =>
        await client.PostAsJsonAsync(path, body, Ct);

    private static object Refuse(params string[] reasons) => new { outcome = "refuse", reasons, justification = "The declared household does not match the registers." };

    private static object Approve(decimal amount) => new { outcome = "approve", monthlyAmount = amount, justification = "The family's circumstances were checked in person: eligible." };

    [Fact]
    public async Task CaseRefusedByTheHub_IsClaimedDecidedAndNotified_ASecondCaseworkerCannotTakeIt_AndItsAppealGoesToAnother()
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = UnknownFin(factory);
        var idCard = factory.Country.Population.Samples()[0].IdCardNumber;
        var number = await factory.SubmitAsync(new { applicant = fin, idCardNumber = idCard, channel = ECabinet, consent = true });
        var store = factory.Services.GetRequiredService<AssistanceStore>();
        Assert.True(await Poll.UntilAsync(() => store.Find(number)!.Status == CaseStatus.WithCaseworker, TimeSpan.FromSeconds(30)), "the case did not reach the queue");

        using var first = factory.PersonClient(People.Caseworker("cw-0001"));
        using var second = factory.PersonClient(People.Caseworker("cw-0002"));
        var queue = await first.GetFromJsonAsync<JsonElement>("/api/v1/assistance/queue", Ct);
        Assert.Contains(queue.EnumerateArray(), c => c.GetProperty("applicationNumber").GetString() == number);

        // Deciding without a claim is refused; the first caseworker claims; the second cannot take it meanwhile.
        var unclaimed = await PostAsync(first, $"/api/v1/assistance/cases/{number}/decision", Refuse(RefusalReasons.DeclarationMismatch));
        Assert.Equal((HttpStatusCode.Conflict, "claim-required"), (unclaimed.StatusCode, (await Problem.ReadAsync(unclaimed)).Code));
        using (var claimed = await PostAsync(first, $"/api/v1/assistance/cases/{number}/claim", null))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }
        using (var taken = await PostAsync(second, $"/api/v1/assistance/cases/{number}/claim", null))
        {
            var problem = await Problem.ReadAsync(taken);
            Assert.Equal((HttpStatusCode.Conflict, "case-claimed"), (taken.StatusCode, problem.Code));
            Assert.True(problem.Extra!.ContainsKey("claimedUntil"));
        }
        using (var notHolder = await PostAsync(second, $"/api/v1/assistance/cases/{number}/decision", Refuse(RefusalReasons.DeclarationMismatch)))
        {
            Assert.Equal("claim-required", (await Problem.ReadAsync(notHolder)).Code);
        }

        // What the caseworker sees: why it is here (the hub's refusal), no snapshot to show.
        var view = await first.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/cases/{number}", Ct);
        Assert.Contains("unknown-person", view.GetProperty("case").GetProperty("caseworkerReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("cw-0001", view.GetProperty("claimedBy").GetString());

        // Bad input: stable codes, nothing stored.
        foreach (var (body, code) in new (object, string)[]
        {
            (new { outcome = "maybe", justification = "A justification long enough." }, "invalid-outcome"),
            (new { outcome = "approve", monthlyAmount = 0m, justification = "A justification long enough." }, "invalid-amount"),
            (new { outcome = "approve", monthlyAmount = 10.555m, justification = "A justification long enough." }, "invalid-amount"),
            (new { outcome = "refuse", reasons = new[] { "bad-luck" }, justification = "A justification long enough." }, "invalid-refusal-reason"),
            (new { outcome = "refuse", reasons = Array.Empty<string>(), justification = "A justification long enough." }, "invalid-refusal-reason"),
            (new { outcome = "refuse", reasons = new[] { RefusalReasons.Vehicle } }, "justification-required"),
            (new { outcome = "request-document", justification = "A justification long enough." }, "invalid-document-request"),
        })
        {
            using var bad = await PostAsync(first, $"/api/v1/assistance/cases/{number}/decision", body);
            Assert.Equal((HttpStatusCode.BadRequest, code), (bad.StatusCode, (await Problem.ReadAsync(bad)).Code));
        }
        Assert.Null(store.CurrentDecision(number));

        // A document is asked for (the citizen is told), then the caseworker refuses.
        using (var asked = await PostAsync(first, $"/api/v1/assistance/cases/{number}/decision",
            new { outcome = "request-document", document = "the birth certificate of the child", justification = "The population register does not know the applicant." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }
        using (var decided = await PostAsync(first, $"/api/v1/assistance/cases/{number}/decision", Refuse(RefusalReasons.DeclarationMismatch)))
        {
            Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
            var decision = await decided.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(("manual", "Refused"), (decision.GetProperty("kind").GetString(), decision.GetProperty("outcome").GetString()));
        }
        var stored = store.CurrentDecision(number)!;
        Assert.Equal((DecisionKinds.Manual, "cw-0001", factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AssistanceOptions>>().Value.Rules.Version),
            (stored.Kind, stored.Author, stored.RuleVersion));
        Assert.Equal(CaseStatus.Refused, store.Find(number)!.Status);
        Assert.True(await Poll.UntilAsync(() => store.Notices(number).Any(n => n.Kind == "decision" && n.SentAt is not null)
            && store.Notices(number).Any(n => n.Kind == "document-request" && n.SentAt is not null), TimeSpan.FromSeconds(20)), "the notices were not sent");
        var ecabinet = await File.ReadAllTextAsync(Path.Combine(factory.DataDirectory, "outbox-ecabinet.log"), Ct);
        Assert.Contains("A caseworker reviewed application " + number, ecabinet, StringComparison.Ordinal);
        Assert.Contains("the birth certificate of the child", ecabinet, StringComparison.Ordinal);

        // Decided: no second decision; the citizen appeals; the caseworker who decided may not review it, another does.
        using (var again = await PostAsync(first, $"/api/v1/assistance/cases/{number}/claim", null))
        {
            Assert.Equal("not-in-queue", (await Problem.ReadAsync(again)).Code);
        }
        using var citizen = factory.CitizenClient(fin);
        using (var appealed = await PostAsync(citizen, $"/api/v1/assistance/applications/{number}/appeals", new { grounds = "I am registered; the register has my old record." }))
        {
            Assert.Equal(HttpStatusCode.Created, appealed.StatusCode);
        }
        using (var claimed = await PostAsync(first, $"/api/v1/assistance/cases/{number}/claim", null)) Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        using (var own = await PostAsync(first, $"/api/v1/assistance/cases/{number}/decision", Approve(120m)))
        {
            Assert.Equal((HttpStatusCode.Conflict, "appeal-needs-another-caseworker"), (own.StatusCode, (await Problem.ReadAsync(own)).Code));
        }
    }

    [Fact]
    public async Task RefusedSampleCitizen_ContestsAnItem_Appeals_AndAnotherCaseworkerDecides_TheCitizenSeesEachOfficersLook()
    {
        var clock = new JumpingClock();
        await using var factory = new AssistanceFactory(households: 30, time: clock);
        var fin = SampleOf(factory, "vehicle-owner");
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(fin, ECabinet));
        var status = await factory.WaitForDecisionAsync(number);
        Assert.Equal("refused", status.Status);
        var store = factory.Services.GetRequiredService<AssistanceStore>();

        // The preview: what each agency said, item by item; the car is there.
        using var citizen = factory.CitizenClient(fin);
        var preview = await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/applications/{number}/preview", Ct);
        var items = preview.GetProperty("members").EnumerateArray().SelectMany(m => m.GetProperty("items").EnumerateArray()).ToList();
        var car = items.First(i => i.GetProperty("dataSet").GetString() == "vehicles"
            && i.GetProperty("data").ValueKind == JsonValueKind.Object && i.GetProperty("data").GetProperty("vehicles").GetArrayLength() > 0);
        var item = car.GetProperty("item").GetString()!;
        Assert.False(string.IsNullOrEmpty(car.GetProperty("agency").GetString()));

        // Another citizen sees nothing of it.
        using (var stranger = factory.CitizenClient(SampleOf(factory, "well-off")))
        {
            using var other = await stranger.GetAsync($"/api/v1/assistance/applications/{number}/preview", Ct);
            Assert.Equal((HttpStatusCode.NotFound, "unknown-application"), (other.StatusCode, (await Problem.ReadAsync(other)).Code));
        }

        // Bad contests: stable codes.
        foreach (var (body, status2, code) in new (object, HttpStatusCode, string)[]
        {
            (new { item = "nobody:vehicles", comment = "sold" }, HttpStatusCode.BadRequest, "unknown-item"),
            (new { item, comment = "" }, HttpStatusCode.BadRequest, "comment-required"),
            (new { item, comment = "sold", document = new { fileName = "car.pdf", contentBase64 = "not base64!" } }, HttpStatusCode.BadRequest, "invalid-document"),
            // A PNG named .pdf: the bytes decide.
            (new { item, comment = "sold", document = new { fileName = "car.pdf", contentBase64 = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) } },
                HttpStatusCode.UnsupportedMediaType, "unsupported-document-type"),
            (new { item, comment = "sold", document = new { fileName = "car.pdf", contentBase64 = Convert.ToBase64String([.. "%PDF-"u8, .. new byte[3 * 1024 * 1024]]) } },
                HttpStatusCode.RequestEntityTooLarge, "document-too-large"),
        })
        {
            using var bad = await PostAsync(citizen, $"/api/v1/assistance/applications/{number}/contests", body);
            Assert.Equal((status2, code), (bad.StatusCode, (await Problem.ReadAsync(bad)).Code));
        }
        Assert.Empty(store.ContestsOf(number));

        string contestId;
        using (var contested = await PostAsync(citizen, $"/api/v1/assistance/applications/{number}/contests",
            new { item, comment = "This car was sold in March.", document = new { fileName = "sale.pdf", contentBase64 = Convert.ToBase64String(Pdf) } }))
        {
            Assert.Equal(HttpStatusCode.Created, contested.StatusCode);
            var contest = await contested.Content.ReadFromJsonAsync<JsonElement>(Ct);
            contestId = contest.GetProperty("contestId").GetString()!;
            Assert.Equal(("open", "application/pdf"), (contest.GetProperty("state").GetString(), contest.GetProperty("documentType").GetString()));
        }

        // The correction request went to the agency that gave the item, which answered later.
        var agency = car.GetProperty("agency").GetString()!;
        Assert.True(await Poll.UntilAsync(() => store.FindContest(contestId)!.CorrectionState == CorrectionStates.Corrected, TimeSpan.FromSeconds(20)),
            $"the correction request did not come back corrected: {store.FindContest(contestId)!.CorrectionState} ({store.FindContest(contestId)!.CorrectionNote})");
        var filed = Assert.Single(factory.Country.Agencies.Single(a => a.Key == agency).Corrections.Values, c => c.Reference == contestId);
        Assert.Equal((car.GetProperty("fin").GetString(), "vehicles", "This car was sold in March."), (filed.Fin, filed.DataSet, filed.Comment));
        Assert.Equal(filed.Id, store.FindContest(contestId)!.CorrectionId);

        // The contest is in the queue; the first caseworker claims, looks at the case and the document, and upholds it.
        using var first = factory.PersonClient(People.Caseworker("cw-0001"));
        var queue = await first.GetFromJsonAsync<JsonElement>("/api/v1/assistance/queue", Ct);
        var line = Assert.Single(queue.EnumerateArray(), c => c.GetProperty("applicationNumber").GetString() == number);
        Assert.Equal(1, line.GetProperty("openContests").GetInt32());
        var atRisk = await first.GetFromJsonAsync<JsonElement>("/api/v1/assistance/at-risk", Ct);
        Assert.Contains(atRisk.EnumerateArray(), c => c.GetProperty("applicationNumber").GetString() == number);
        using (var claimed = await PostAsync(first, $"/api/v1/assistance/cases/{number}/claim", null)) Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var view = await first.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/cases/{number}", Ct);
        Assert.Equal(JsonValueKind.Object, view.GetProperty("snapshot").ValueKind);
        Assert.Equal(contestId, Assert.Single(view.GetProperty("contests").EnumerateArray()).GetProperty("contestId").GetString());
        using (var document = await first.GetAsync($"/api/v1/assistance/contests/{contestId}/document", Ct))
        {
            Assert.Equal("application/pdf", document.Content.Headers.ContentType!.MediaType);
            Assert.Equal(Pdf, await document.Content.ReadAsByteArrayAsync(Ct));
        }
        using (var resolved = await PostAsync(first, $"/api/v1/assistance/contests/{contestId}/resolution", new { state = "upheld", justification = "The sale contract shows the car was sold." }))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        // The citizen appeals; the second caseworker cannot take the case while the first holds it, and can once the claim expires.
        using (var appealed = await PostAsync(citizen, $"/api/v1/assistance/applications/{number}/appeals", new { grounds = "The car was sold in March; see my contest." }))
        {
            Assert.Equal(HttpStatusCode.Created, appealed.StatusCode);
        }
        using (var repeated = await PostAsync(citizen, $"/api/v1/assistance/applications/{number}/appeals", new { grounds = "The car was sold in March; see my contest." }))
        {
            Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        }
        using var second = factory.PersonClient(People.Caseworker("cw-0002"));
        using (var held = await PostAsync(second, $"/api/v1/assistance/cases/{number}/claim", null))
        {
            Assert.Equal("case-claimed", (await Problem.ReadAsync(held)).Code);
        }
        clock.Jump(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        using var secondLater = factory.PersonClient(People.Caseworker("cw-0002"));
        using (var claimed = await PostAsync(secondLater, $"/api/v1/assistance/cases/{number}/claim", null)) Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var reviewed = await secondLater.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/cases/{number}", Ct);
        Assert.Equal("open", Assert.Single(reviewed.GetProperty("appeals").EnumerateArray()).GetProperty("state").GetString());
        using (var decided = await PostAsync(secondLater, $"/api/v1/assistance/cases/{number}/decision", Approve(150.25m)))
        {
            Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        }

        var decision = store.CurrentDecision(number)!;
        Assert.Equal((DecisionKinds.AppealOutcome, number, "cw-0002", "Approved"), (decision.Kind, decision.Supersedes, decision.Author, decision.Outcome));
        var appeal = Assert.Single(store.AppealsOf(number));
        Assert.Equal((AppealStates.Decided, AppealOutcomes.Changed, decision.Id), (appeal.State, appeal.Outcome, appeal.OutcomeDecisionId));
        using var citizenLater = factory.CitizenClient(fin);
        var now = await citizenLater.GetFromJsonAsync<StatusBody>($"/api/v1/assistance/applications/{number}", AssistanceFactory.Json, Ct);
        Assert.Equal(("approved", 150.25m), (now!.Status, now.Decision!.MonthlyAmount));
        Assert.True(await Poll.UntilAsync(() => store.Notices(number).Any(n => n.Kind == "appeal-decision" && n.SentAt is not null), TimeSpan.FromSeconds(20)), "the appeal's decision was not sent");

        // Who looked: each caseworker's look, by role, with what was seen; no officer named (not configured).
        var accesses = await citizenLater.GetFromJsonAsync<JsonElement>($"/api/v1/audit/citizens/{fin}/accesses", Ct);
        var looks = accesses.GetProperty("accesses").EnumerateArray().Where(a => a.GetProperty("as").GetString() == "officer-look").ToList();
        Assert.Equal(["case-snapshot", "case-snapshot", "contest-document"], looks.Select(l => l.GetProperty("seen").GetString()).Order(StringComparer.Ordinal));
        Assert.All(looks, l =>
        {
            Assert.Equal("caseworker", l.GetProperty("officerRole").GetString());
            Assert.Equal("assistance", l.GetProperty("subsystem").GetString());
            Assert.Equal(number, l.GetProperty("caseNumber").GetString());
            Assert.False(l.TryGetProperty("officer", out var officer) && officer.ValueKind == JsonValueKind.String);
        });
        // The month's people-in-the-loop figures.
        var figures = await citizenLater.GetFromJsonAsync<JsonElement>("/api/v1/assistance/people/statistics", Ct);
        Assert.Equal(1, figures.GetProperty("manualDecisions").GetProperty("appeal-outcome:approved").GetInt32());
        Assert.Equal(1, figures.GetProperty("contests").GetProperty("upheld").GetInt32());
        Assert.Equal(1, figures.GetProperty("appealOutcomes").GetProperty("changed").GetInt32());
        using (var badMonth = await citizenLater.GetAsync("/api/v1/assistance/people/statistics?month=2026-13", Ct))
        {
            Assert.Equal((HttpStatusCode.BadRequest, "invalid-month"), (badMonth.StatusCode, (await Problem.ReadAsync(badMonth)).Code));
        }

        // The auditor's view names the officers.
        using var auditor = factory.CreateClient("auditor");
        var audit = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit/records?subject={fin}&purpose=officer-look&page=1&pageSize=50", Ct);
        Assert.Equal(["cw-0001", "cw-0001", "cw-0002"], audit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("officer").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AppealAfterThePeriod_IsRefusedWithItsCode_AndAnApprovalCannotBeAppealed()
    {
        var clock = new JumpingClock();
        await using var factory = new AssistanceFactory(households: 30, time: clock);
        var refused = SampleOf(factory, "well-off");
        var number = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(refused, ECabinet));
        Assert.Equal("refused", (await factory.WaitForDecisionAsync(number)).Status);

        using (var citizen = factory.CitizenClient(refused))
        {
            using var empty = await PostAsync(citizen, $"/api/v1/assistance/applications/{number}/appeals", new { grounds = "short" });
            Assert.Equal((HttpStatusCode.BadRequest, "justification-required"), (empty.StatusCode, (await Problem.ReadAsync(empty)).Code));
        }
        clock.Jump(TimeSpan.FromDays(32));
        using var later = factory.CitizenClient(refused);
        using var late = await PostAsync(later, $"/api/v1/assistance/applications/{number}/appeals", new { grounds = "My income fell last month." });
        var problem = await Problem.ReadAsync(late);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "appeal-period-over"), (late.StatusCode, problem.Code));
        Assert.True(problem.Extra!.ContainsKey("lastDay"));
        Assert.Empty(factory.Services.GetRequiredService<AssistanceStore>().AppealsOf(number));

        var approved = SampleOf(factory, "low-income-family");
        var granted = await factory.SubmitAsync(await factory.PrefilledApplicationAsync(approved, ECabinet));
        Assert.Equal("approved", (await factory.WaitForDecisionAsync(granted)).Status);
        using var happy = factory.CitizenClient(approved);
        using var nothing = await PostAsync(happy, $"/api/v1/assistance/applications/{granted}/appeals", new { grounds = "I would like more money." });
        Assert.Equal((HttpStatusCode.Conflict, "not-appealable"), (nothing.StatusCode, (await Problem.ReadAsync(nothing)).Code));
    }

    [Fact]
    public async Task CaseView_TheLookCannotBeRecorded_503AuditUnavailable_AndNothingShown()
    {
        await using var factory = new AssistanceFactory(new Dictionary<string, string?> { ["Messaging:TransientRetries"] = "0" }, households: 30);
        var fin = UnknownFin(factory);
        var number = await factory.SubmitAsync(new { applicant = fin, idCardNumber = factory.Country.Population.Samples()[0].IdCardNumber, channel = ECabinet, consent = true });
        var store = factory.Services.GetRequiredService<AssistanceStore>();
        Assert.True(await Poll.UntilAsync(() => store.Find(number)!.Status == CaseStatus.WithCaseworker, TimeSpan.FromSeconds(30)), "the case did not reach the queue");
        using var caseworker = factory.PersonClient(People.Caseworker("cw-0001"));
        using (var seen = await caseworker.GetAsync($"/api/v1/assistance/cases/{number}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        }

        // The hub's audit goes away: the look cannot be recorded, so the case is not shown.
        factory.Services.GetRequiredService<IntegrationHub.Hub.Engine.Audit.IAuditStore>().Dispose();
        using var refused = await caseworker.GetAsync($"/api/v1/assistance/cases/{number}", Ct);

        var body = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "audit-unavailable"), (refused.StatusCode, (await Problem.ReadAsync(refused)).Code));
        Assert.DoesNotContain(fin, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficerLook_TheHubRefusesWhatIsNotAnOfficersLook_AndRecordsNothing()
    {
        await using var factory = new AssistanceFactory(households: 30);
        var fin = factory.Country.Population.Samples()[0].Fin;
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IntegrationHub.Modules.HubAccess.OfficerLookAudit>();

        var asCitizen = await audit.RecordAsync(new("assistance", fin, "citizen", "targeted-social-assistance", "VEM-1", fin, [fin], "case-snapshot"), Ct);
        var unknownPurpose = await audit.RecordAsync(new("assistance", "cw-1", "caseworker", "gossip", "VEM-1", fin, [fin], "case-snapshot"), Ct);
        var badFin = await audit.RecordAsync(new("assistance", "cw-1", "caseworker", "targeted-social-assistance", "VEM-1", fin, ["nope"], "case-snapshot"), Ct);
        var fine = await audit.RecordAsync(new("assistance", "cw-1", "caseworker", "targeted-social-assistance", "VEM-1", fin, [fin], "case-snapshot"), Ct);

        Assert.Equal((false, "invalid-officer-role"), (asCitizen.Recorded, asCitizen.Refusal));
        Assert.Equal((false, "not-permitted"), (unknownPurpose.Recorded, unknownPurpose.Refusal));
        Assert.Equal((false, "invalid-fin"), (badFin.Recorded, badFin.Refusal));
        Assert.True(fine.Recorded);
        using var auditor = factory.CreateClient("auditor");
        var records = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit/records?subject={fin}&purpose=officer-look", Ct);
        Assert.Equal(1, records.GetProperty("total").GetInt32());
    }
}
