namespace IntegrationHub.ContactCentre.Tests.Api;

/// <summary>The telephony system registers calls: once each, in the queue of the topic's department, repeat callers known by number.</summary>
public sealed class RegisterCallTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeTimeProvider Morning() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RegisterCall_NewCall_Is201_WaitingInItsDepartmentsQueue()
    {
        var clock = Morning();
        await using var factory = new ContactCentreFactory(time: clock);
        using var telephony = factory.Telephony();

        var call = await ContactCentreFactory.RegisterAsync(telephony, "pbx-1", "+994 50 123 45 67", "labour-law");

        Assert.True(call.Created);
        Assert.Equal("142-20260302-000001", call.CallNumber);
        Assert.Equal(("labour-law", "Waiting"), (call.Department, call.Status));
        Assert.Equal(clock.GetUtcNow(), call.ArrivedAt);
        Assert.Null(call.RepeatCaller);
        using var labourLaw = factory.Operator("op-1", "labour-law");
        var queue = await labourLaw.GetFromJsonAsync<List<WaitingCallBody>>("/api/v1/contact-centre/queue", ContactCentreFactory.Json, Ct);
        var waiting = Assert.Single(queue!);
        Assert.Equal(call.CallNumber, waiting.CallNumber);
        Assert.Equal("+994*****4567", waiting.CallerNumber);
        using var employment = factory.Operator("op-2", "employment");
        Assert.Empty((await employment.GetFromJsonAsync<List<WaitingCallBody>>("/api/v1/contact-centre/queue", ContactCentreFactory.Json, Ct))!);
    }

    [Fact]
    public async Task RegisterCall_SameCallIdAgain_Is200WithTheSameNumber_AndOneCallInTheQueue()
    {
        await using var factory = new ContactCentreFactory(time: Morning());
        using var telephony = factory.Telephony();
        var first = await ContactCentreFactory.RegisterAsync(telephony, "pbx-7", "+994501112233", "e-services");

        using var again = await telephony.PostAsJsonAsync("/api/v1/contact-centre/calls", new { callId = "pbx-7", callerNumber = "+994501112233", topic = "e-services" }, Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<CallRegisteredBody>(ContactCentreFactory.Json, Ct);
        Assert.Equal((first.CallNumber, false), (body!.CallNumber, body.Created));
        Assert.Null(body.RepeatCaller);
        using var eServices = factory.Operator("op-1", "e-services");
        Assert.Single((await eServices.GetFromJsonAsync<List<WaitingCallBody>>("/api/v1/contact-centre/queue", ContactCentreFactory.Json, Ct))!);
        // One use of the e-service "calls to 142", by the call centre, however often the call was registered.
        using var anyone = factory.CreateClient();
        var report = await anyone.GetFromJsonAsync<JsonElement>("/api/v1/operations/statistics/e-services?from=2026-03&to=2026-03", Ct);
        var calls = report.GetProperty("months")[0].GetProperty("eServices").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "contact-centre-call");
        Assert.Equal((1L, 1L), (calls.GetProperty("uses").GetInt64(), calls.GetProperty("channels").GetProperty("call-centre").GetInt64()));
    }

    [Fact]
    public async Task RegisterCall_SameCallIdWithAnotherTopic_Is409CallIdReused()
    {
        await using var factory = new ContactCentreFactory(time: Morning());
        using var telephony = factory.Telephony();
        await ContactCentreFactory.RegisterAsync(telephony, "pbx-8", "+994501112233", "e-services");

        using var response = await telephony.PostAsJsonAsync("/api/v1/contact-centre/calls", new { callId = "pbx-8", callerNumber = "+994501112233", topic = "employment" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("call-id-reused", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task RegisterCall_SameNumberCallsAgain_IsRecognisedAsARepeatCaller()
    {
        var clock = Morning();
        await using var factory = new ContactCentreFactory(time: clock);
        using var telephony = factory.Telephony();
        var first = await ContactCentreFactory.RegisterAsync(telephony, "pbx-1", "+994551234567", "social-security");
        clock.Advance(TimeSpan.FromMinutes(3));

        var second = await ContactCentreFactory.RegisterAsync(telephony, "pbx-2", "+994 55 123-45-67", "employment");
        var third = await ContactCentreFactory.RegisterAsync(telephony, "pbx-3", "+994551234567", "employment");
        var other = await ContactCentreFactory.RegisterAsync(telephony, "pbx-4", "+994557654321", "employment");

        Assert.Equal(new RepeatCallerBody(1, first.ArrivedAt, first.CallNumber), second.RepeatCaller);
        Assert.Equal(2, third.RepeatCaller!.PreviousCalls);
        Assert.Equal(second.CallNumber, third.RepeatCaller.LastCallNumber);
        Assert.Null(other.RepeatCaller);
    }

    [Fact]
    public async Task RegisterCall_WithheldOrForeignNumber_IsRegistered_WithheldNeverARepeatCaller()
    {
        await using var factory = new ContactCentreFactory(time: Morning());
        using var telephony = factory.Telephony();

        var withheld = await ContactCentreFactory.RegisterAsync(telephony, "pbx-1", null, "rehabilitation");
        var again = await ContactCentreFactory.RegisterAsync(telephony, "pbx-2", null, "rehabilitation");
        var foreign = await ContactCentreFactory.RegisterAsync(telephony, "pbx-3", "+7 916 123 45 67", "rehabilitation");

        Assert.True(withheld.Created && again.Created && foreign.Created);
        Assert.Null(again.RepeatCaller);
        using var rehabilitation = factory.Operator("op-1", "rehabilitation");
        var queue = (await rehabilitation.GetFromJsonAsync<List<WaitingCallBody>>("/api/v1/contact-centre/queue", ContactCentreFactory.Json, Ct))!;
        Assert.Equal([withheld.CallNumber, again.CallNumber, foreign.CallNumber], queue.Select(q => q.CallNumber));
        Assert.Equal([null, null, "+791*****4567"], queue.Select(q => q.CallerNumber));
    }

    [Fact]
    public async Task RegisterCall_VoiceMenuDisabilityExam_IsRecordedAsSelfService_AndQueuedNowhere()
    {
        await using var factory = new ContactCentreFactory(time: Morning());
        using var telephony = factory.Telephony();

        var call = await ContactCentreFactory.RegisterAsync(telephony, "pbx-0", "+994501234567", "disability-exam");

        Assert.Equal(("SelfService", null), (call.Status, call.Department));
        using var supervisor = factory.Supervisor();
        var monitor = await supervisor.GetFromJsonAsync<MonitorBody>("/api/v1/contact-centre/monitor", ContactCentreFactory.Json, Ct);
        Assert.Equal(0, monitor!.Total.Waiting);
        var statistics = await supervisor.GetFromJsonAsync<List<TopicMonthBody>>("/api/v1/contact-centre/statistics?from=2026-03&to=2026-03", ContactCentreFactory.Json, Ct);
        Assert.Equal(1, statistics!.Single(s => s.Topic == "disability-exam").VoiceMenu);
    }

    [Theory]
    [InlineData("""{"callId":"","callerNumber":"+994501234567","topic":"employment"}""", "invalid-call-id", "callId")]
    [InlineData("""{"callId":"a b","callerNumber":"+994501234567","topic":"employment"}""", "invalid-call-id", "callId")]
    [InlineData("""{"callId":"x","callerNumber":"+99450123","topic":"employment"}""", "invalid-caller-number", "callerNumber")]
    [InlineData("""{"callId":"x","callerNumber":"0501234567","topic":"employment"}""", "invalid-caller-number", "callerNumber")]
    [InlineData("""{"callId":"x","callerNumber":"+994501234567","topic":"pensions"}""", "unknown-topic", "topic")]
    [InlineData("""{"callId":"x","callerNumber":"+994501234567"}""", "unknown-topic", "topic")]
    public async Task RegisterCall_BadInput_Is400NamingTheField(string body, string code, string field)
    {
        await using var factory = new ContactCentreFactory(time: Morning());
        using var telephony = factory.Telephony();

        using var response = await telephony.PostAsync("/api/v1/contact-centre/calls", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal((code, field), (problem.Code, problem.Field));
    }

    [Fact]
    public async Task RegisterCall_WithAnOperatorsTokenOrAnotherSystemsKey_IsRefused()
    {
        await using var factory = new ContactCentreFactory(time: Morning());
        using var person = factory.Operator("op-1", "employment");
        using var callCentre = factory.CreateClient();
        callCentre.DefaultRequestHeaders.Add("X-Api-Key", "dev-call-centre-key");
        var call = new { callId = "x", callerNumber = "+994501234567", topic = "employment" };

        using var byPerson = await person.PostAsJsonAsync("/api/v1/contact-centre/calls", call, Ct);
        using var bySystem = await callCentre.PostAsJsonAsync("/api/v1/contact-centre/calls", call, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, byPerson.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bySystem.StatusCode);
    }

    [Fact]
    public async Task RegisteredCalls_SurviveARestart_InTheirQueuesInOrder()
    {
        var clock = Morning();
        using var directory = new ScratchDirectory("contact-centre-restart-");
        var numbers = new List<string>();
        await using (var before = new ContactCentreFactory(time: clock, dataDirectory: directory.Path))
        {
            using var telephony = before.Telephony();
            for (var i = 0; i < 3; i++)
            {
                numbers.Add((await ContactCentreFactory.RegisterAsync(telephony, $"pbx-{i}", $"+99450000000{i}", "social-security")).CallNumber);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        await using var after = new ContactCentreFactory(time: clock, dataDirectory: directory.Path);
        using var socialSecurity = after.Operator("op-1", "social-security");
        var queue = (await socialSecurity.GetFromJsonAsync<List<WaitingCallBody>>("/api/v1/contact-centre/queue", ContactCentreFactory.Json, Ct))!;
        Assert.Equal(numbers, queue.Select(q => q.CallNumber));
        // The day's numbering goes on where it stopped.
        using var telephonyAfter = after.Telephony();
        Assert.Equal("142-20260302-000004", (await ContactCentreFactory.RegisterAsync(telephonyAfter, "pbx-9", null, "employment")).CallNumber);
    }
}
