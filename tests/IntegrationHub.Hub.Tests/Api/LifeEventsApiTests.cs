using System.Net.Http.Headers;
using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Mocks.LifeEvents;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Api;

/// <summary>The agencies' door for life events, the inbox behind it and the operators' dead letters, on the hub in-process.</summary>
public sealed class LifeEventsApiTests : IAsyncLifetime
{
    private readonly HubFactory _hub = new(households: 120);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A death reported by the population register about <paramref name="fin"/>, encoded and signed as the mock agencies do.</summary>
    internal static (byte[] Body, string ContentType) DeathOf(string fin, string id, DateTimeOffset now) =>
        LifeEventSender.Encode(new SentEvent
        {
            Id = id,
            Agency = "population",
            Kind = "death",
            Fins = [fin],
            Date = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1),
            CreatedAt = now,
        }, now);

    internal static HttpRequestMessage Signed(byte[] body, string contentType, string keyAgency = "population", string? signedBy = "population")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, LifeEventSender.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(LifeEventIntake.KeyHeader, AgencyEventSigner.KeyId(keyAgency));
        if (signedBy is not null) request.Headers.Add(LifeEventIntake.SignatureHeader, AgencyEventSigner.Sign(signedBy, body));
        return request;
    }

    private async Task<LifeEventView> WaitForStateAsync(Guid changeId, string state)
    {
        var operatorClient = _hub.CreateClient("operator");
        var seen = await Poll.ReadUntilAsync(
            () => operatorClient.GetFromJsonAsync<LifeEventView>($"/api/v1/life-events/{changeId}", HubFactory.Json, Token), v => v?.State == state, TimeSpan.FromSeconds(30));
        Assert.True(seen?.State == state, $"event {changeId} did not become {state} within 30 s: it stayed {seen?.State} ({seen?.LastError}); host log:\n{_hub.ServerLog}");
        return seen!;
    }

    [Fact]
    public async Task MockDeath_ProcessedAuditedForThePerson_AndTheNextProfileShowsIt()
    {
        var applicant = _hub.Country.Population.Samples().First(s => s.HouseholdKind == "large-family").Fin;
        var member = _hub.Country.Population.ByFin[applicant].Household.Members.First(m => m.Role == "child" && !m.Deceased).Fin;
        object[] declared = [new { fin = member, relation = "Child" }];
        var before = await HubFactory.ReadProfileAsync(await _hub.PostProfileAsync(applicant, declared));
        Assert.DoesNotContain(before.Members.Single(m => m.Fin.Value == member).Findings, f => f.Code == NotCountedReasons.Deceased);

        var sent = Assert.Single(_hub.Country.Change("death", member));

        Assert.True(await Poll.UntilAsync(() => sent.ChangeId is not null, TimeSpan.FromSeconds(15)), $"the event was not delivered within 15 s: {sent.State} {sent.LastError}");
        var processed = await WaitForStateAsync(sent.ChangeId!.Value, InboxStates.Processed);
        Assert.Equal(["assistance"], processed.DeliveredTo);
        var after = await HubFactory.ReadProfileAsync(await _hub.PostProfileAsync(applicant, declared));
        Assert.Contains(after.Members.Single(m => m.Fin.Value == member).Findings, f => f.Code == NotCountedReasons.Deceased);
        // The delivery is an access to the person's data like any other: they see it in their own view.
        var accesses = await _hub.PersonClient(People.Citizen(member)).GetFromJsonAsync<CitizenAccesses>($"/api/v1/audit/citizens/{member}/accesses", HubFactory.Json, Token);
        Assert.Contains(accesses!.Accesses, a => (a.Subsystem, a.Purpose) == ("assistance", LifeEventProcessor.AuditPurpose));
    }

    [Fact]
    public async Task SameEventTwice_SecondIsADuplicate_ProcessedOnce()
    {
        var fin = _hub.Country.Population.Samples()[0].Fin;
        var (body, contentType) = DeathOf(fin, "pop-twice-1", _hub.Time.GetUtcNow());
        var client = _hub.CreateClient();

        using var first = await client.SendAsync(Signed(body, contentType), Token);
        using var second = await client.SendAsync(Signed(body, contentType), Token);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<LifeEventAccepted>(HubFactory.Json, Token))!;
        var b = (await second.Content.ReadFromJsonAsync<LifeEventAccepted>(HubFactory.Json, Token))!;
        Assert.Equal((a.ChangeId, false, true), (b.ChangeId, a.Duplicate, b.Duplicate));
        await WaitForStateAsync(a.ChangeId, InboxStates.Processed);
        var page = await _hub.CreateClient("operator").GetFromJsonAsync<LifeEventPage>("/api/v1/life-events", HubFactory.Json, Token);
        Assert.Equal(1, page!.Total);
        var records = await _hub.CreateClient("auditor").GetFromJsonAsync<AuditPage>($"/api/v1/audit/records?subject={fin}", HubFactory.Json, Token);
        Assert.Single(records!.Items, r => r.Purpose == LifeEventProcessor.AuditPurpose);

        // The same id with other content is not the same event: refused, not taken for a repeat.
        var (other, _) = DeathOf(_hub.Country.Population.Samples()[1].Fin, "pop-twice-1", _hub.Time.GetUtcNow());
        using var reused = await client.SendAsync(Signed(other, contentType), Token);
        Assert.Equal((HttpStatusCode.Conflict, LifeEventProblems.EventIdReused), (reused.StatusCode, (await Problem.ReadAsync(reused)).Code));
    }

    [Theory]
    // Signed by the civil registry's key, presented as the population register's: forged.
    [InlineData("population", "civil-registry", 403, LifeEventProblems.SignatureInvalid)]
    [InlineData("population", null, 401, LifeEventProblems.SignatureMissing)]
    // The civil registry's own signature on an event whose source is the population register.
    [InlineData("civil-registry", "civil-registry", 403, LifeEventProblems.SourceMismatch)]
    public async Task ForgedOrUnsigned_RefusedCountedShownAndNeverProcessed(string keyAgency, string? signedBy, int status, string code)
    {
        var (body, contentType) = DeathOf(_hub.Country.Population.Samples()[0].Fin, "pop-forged-1", _hub.Time.GetUtcNow());

        using var response = await _hub.CreateClient().SendAsync(Signed(body, contentType, keyAgency, signedBy), Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
        var state = await _hub.CreateClient().GetFromJsonAsync<LifeEventsState>("/api/v1/life-events/state", HubFactory.Json, Token);
        Assert.Equal(1, state!.Refused.Single(r => r.Code == code).Count);
        Assert.Contains(state.LatestRefusals, r => r.Code == code);
        Assert.Empty(state.Events);
        var page = await _hub.CreateClient("operator").GetFromJsonAsync<LifeEventPage>("/api/v1/life-events", HubFactory.Json, Token);
        Assert.Equal(0, page!.Total);
        var metrics = await _hub.CreateClient().GetStringAsync("/metrics", Token);
        Assert.Contains("integrationhub_life_events_refused_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryFails_DeadLetter_OperatorRetryProcessesIt()
    {
        var delivery = new SwitchableDelivery();
        await using var hub = _hub.WithWebHostBuilder(b =>
        {
            b.UseSetting("LifeEvents:MaxAttempts", "1");
            b.ConfigureTestServices(s => s.AddSingleton<IPersonChangedDelivery>(delivery));
        });
        var (body, contentType) = DeathOf(_hub.Country.Population.Samples()[0].Fin, "pop-dead-letter-1", _hub.Time.GetUtcNow());
        using var accepted = await hub.CreateClient().SendAsync(Signed(body, contentType), Token);
        var changeId = (await accepted.Content.ReadFromJsonAsync<LifeEventAccepted>(HubFactory.Json, Token))!.ChangeId;
        var operatorClient = hub.CreateClient();
        operatorClient.DefaultRequestHeaders.Add("X-Api-Key", "dev-operator-key");

        var dead = await Poll.ReadUntilAsync(
            () => operatorClient.GetFromJsonAsync<LifeEventPage>("/api/v1/life-events?state=failed", HubFactory.Json, Token), p => p?.Total == 1, TimeSpan.FromSeconds(15));
        Assert.True(dead?.Total == 1, $"the event did not become a dead letter within 15 s ({dead?.Total} failed)");
        var letter = Assert.Single(dead!.Items);
        Assert.Equal(changeId, letter.ChangeId);
        Assert.Contains("queue unreachable", letter.LastError, StringComparison.Ordinal);
        Assert.Empty(delivery.Delivered);
        // Not failed: nothing to retry.
        using var notFailed = await operatorClient.PostAsync($"/api/v1/life-events/{Guid.NewGuid()}/retry", null, Token);
        Assert.Equal(HttpStatusCode.NotFound, notFailed.StatusCode);

        delivery.Working = true;
        using var retried = await operatorClient.PostAsync($"/api/v1/life-events/{changeId}/retry", null, Token);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var seen = await Poll.ReadUntilAsync(
            () => operatorClient.GetFromJsonAsync<LifeEventView>($"/api/v1/life-events/{changeId}", HubFactory.Json, Token), v => v?.State == InboxStates.Processed, TimeSpan.FromSeconds(15));
        Assert.True(seen?.State == InboxStates.Processed, $"the retried event was not processed within 15 s: {seen?.State} ({seen?.LastError})");
        Assert.Equal((InboxStates.Processed, 1), (seen!.State, seen.Retries));
        Assert.Equal(changeId, Assert.Single(delivery.Delivered).ChangeId);
        using var again = await operatorClient.PostAsync($"/api/v1/life-events/{changeId}/retry", null, Token);
        Assert.Equal((HttpStatusCode.Conflict, LifeEventProblems.EventNotFailed), (again.StatusCode, (await Problem.ReadAsync(again)).Code));
    }

    [Fact]
    public async Task OperatorsOnly_ListAndRetry()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _hub.CreateClient().GetAsync("/api/v1/life-events", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _hub.CreateClient("assistance").GetAsync("/api/v1/life-events", Token)).StatusCode);
        using var badState = await _hub.CreateClient("operator").GetAsync("/api/v1/life-events?state=lost", Token);
        Assert.Equal((HttpStatusCode.BadRequest, LifeEventProblems.InvalidState), (badState.StatusCode, (await Problem.ReadAsync(badState)).Code));
    }

    /// <summary>A subsystem's queue that cannot be reached until <see cref="Working"/>.</summary>
    private sealed class SwitchableDelivery : IPersonChangedDelivery
    {
        public volatile bool Working;

        public System.Collections.Concurrent.ConcurrentQueue<PersonChanged> Delivered { get; } = new();

        public Task DeliverAsync(string subsystem, PersonChanged message, CancellationToken cancellationToken)
        {
            if (!Working) throw new IOException("queue unreachable");
            Delivered.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
