namespace IntegrationHub.ContactCentre.Tests.Calls;

/// <summary>A call transferred to another department keeps its history: the next operator sees what the first noted.</summary>
public sealed class TransferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TransferCall_ToAnotherDepartment_KeepsItsHistory_AndJoinsThatQueue()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var factory = new ContactCentreFactory(time: clock);
        using var telephony = factory.Telephony();
        var call = await ContactCentreFactory.RegisterAsync(telephony, "pbx-t1", "+994501234567", "social-security");
        using var first = factory.Operator("op-ss", "social-security");
        using var second = factory.Operator("op-emp", "employment");
        clock.Advance(TimeSpan.FromSeconds(8));
        using (var taken = await first.PostAsync("/api/v1/contact-centre/queue/take", null, Ct)) Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        using (var noted = await first.PostAsJsonAsync($"/api/v1/contact-centre/calls/{call.CallNumber}/notes",
            new { question = "İşsizlik müavinəti necə alınır?", answer = "Məşğulluq şöbəsinə yönləndirildi." }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        }
        clock.Advance(TimeSpan.FromSeconds(30));

        using var transferred = await first.PostAsJsonAsync($"/api/v1/contact-centre/calls/{call.CallNumber}/transfer", new { department = "employment", reason = "unemployment benefit" }, Ct);

        Assert.Equal(HttpStatusCode.OK, transferred.StatusCode);
        var queue = (await second.GetFromJsonAsync<List<WaitingCallBody>>("/api/v1/contact-centre/queue", ContactCentreFactory.Json, Ct))!;
        Assert.Equal(call.CallNumber, Assert.Single(queue).CallNumber);
        clock.Advance(TimeSpan.FromSeconds(5));
        using var retaken = await second.PostAsync("/api/v1/contact-centre/queue/take", null, Ct);
        var seen = (await retaken.Content.ReadFromJsonAsync<CallBody>(ContactCentreFactory.Json, Ct))!;
        Assert.Equal(("employment", "WithOperator", "op-emp"), (seen.Department, seen.Status, seen.Operator));
        Assert.Equal(["registered", "answered", "note", "transferred", "answered"], seen.History.Select(e => e.Kind));
        var note = seen.History.Single(e => e.Kind == "note");
        Assert.Equal(("social-security", "op-ss", "İşsizlik müavinəti necə alınır?"), (note.Department, note.Operator, note.Question));
        var transfer = seen.History.Single(e => e.Kind == "transferred");
        Assert.Equal(("social-security", "employment", "unemployment benefit"), (transfer.Department, transfer.ToDepartment, transfer.Text));
        Assert.Equal(5, seen.History[^1].WaitSeconds);
        // The first department still sees the call it had, with what happened after.
        var fromFirst = (await first.GetFromJsonAsync<CallBody>($"/api/v1/contact-centre/calls/{call.CallNumber}", ContactCentreFactory.Json, Ct))!;
        Assert.Equal(seen.History.Count, fromFirst.History.Count);
        // A department that never had it does not.
        using var rehabilitation = factory.Operator("op-reh", "rehabilitation");
        using var other = await rehabilitation.GetAsync($"/api/v1/contact-centre/calls/{call.CallNumber}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task OpenFollowUp_PastItsDueDate_IsOverdueOnTheMonitor()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var factory = new ContactCentreFactory(time: clock);
        using var telephony = factory.Telephony();
        var call = await ContactCentreFactory.RegisterAsync(telephony, "pbx-f1", "+994501234567", "labour-law");
        using var labourLaw = factory.Operator("op-ll", "labour-law");
        using (var taken = await labourLaw.PostAsync("/api/v1/contact-centre/queue/take", null, Ct)) Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        using var opened = await labourLaw.PostAsJsonAsync($"/api/v1/contact-centre/calls/{call.CallNumber}/follow-ups", new { dueDate = "2026-03-04", task = "Call back with the inspector's answer" }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var followUp = (await opened.Content.ReadFromJsonAsync<FollowUpBody>(ContactCentreFactory.Json, Ct))!;

        clock.Advance(TimeSpan.FromDays(2));
        using (var supervisor = factory.Supervisor("labour-law"))
        {
            var onDueDate = (await supervisor.GetFromJsonAsync<MonitorBody>("/api/v1/contact-centre/monitor", ContactCentreFactory.Json, Ct))!;
            Assert.Equal(0, onDueDate.Total.FollowUpsOverdue);
        }
        clock.Advance(TimeSpan.FromDays(1));

        using var late = factory.Supervisor("labour-law");
        var monitor = (await late.GetFromJsonAsync<MonitorBody>("/api/v1/contact-centre/monitor", ContactCentreFactory.Json, Ct))!;
        Assert.Equal(1, monitor.Departments.Single(d => d.Department == "labour-law").FollowUpsOverdue);
        Assert.Equal(1, monitor.Total.FollowUpsOverdue);
        // Tokens last a working day: the operator three days on has a new one.
        using var labourLawLater = factory.Operator("op-ll", "labour-law");
        var list = (await labourLawLater.GetFromJsonAsync<List<FollowUpBody>>("/api/v1/contact-centre/follow-ups", ContactCentreFactory.Json, Ct))!;
        Assert.True(Assert.Single(list, f => f.Id == followUp.Id).Overdue);
    }
}
