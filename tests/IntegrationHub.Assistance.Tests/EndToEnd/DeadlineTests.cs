namespace IntegrationHub.Assistance.Tests.EndToEnd;

/// <summary>
/// The assistance role alone (no hub in the process, so no profile ever comes back): the case waits, is asked
/// about again with the same request id, and near the deadline goes to the caseworker queue. The working-day
/// clock runs on a fake clock; the bus's request timeout is real (6.5 s here).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DeadlineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CaseWithoutAProfile_IsAskedAgainWithTheSameRequestId_AndGoesToACaseworkerNearTheDeadline()
    {
        // Monday 2 March 2026, 09:00: due 26 March (Novruz on the way).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var factory = new AssistanceFactory(
            new Dictionary<string, string?>
            {
                ["Roles"] = "assistance",
                ["Aggregation:Deadline"] = "00:00:01",
                ["Messaging:RequestTimeout"] = "00:00:06.500",
                ["Assistance:RetryInterval"] = "01:00:00",
                ["Assistance:MaxRetryInterval"] = "1.00:00:00",
            },
            households: 30,
            time: time);
        var sample = factory.Country.Population.Samples()[0];
        var number = await factory.SubmitAsync(new { applicant = sample.Fin, idCardNumber = sample.IdCardNumber, channel = new { kind = "ecabinet" }, consent = true });
        var store = factory.Services.GetRequiredService<AssistanceStore>();
        var requestId = store.Find(number)!.RequestId;
        Assert.Equal(new DateOnly(2026, 3, 26), store.Find(number)!.DueDate);

        var first = await WaitAsync(() => store.Find(number)!.Attempts >= 1);
        Assert.Equal(CaseStatus.AwaitingData, first.Status);
        Assert.Equal(requestId, first.RequestId);

        // 16 days on: 18 March, three working days left (19, 25, 26).
        time.Advance(TimeSpan.FromDays(16));
        var escalated = await WaitAsync(() => store.Find(number)!.Attempts >= 2);
        Assert.Equal(CaseStatus.WithCaseworker, escalated.Status);
        Assert.Equal(requestId, escalated.RequestId);
        Assert.NotNull(escalated.CaseworkerReason);

        using var caseworker = factory.PersonClient(People.Caseworker());
        var queue = await caseworker.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/assistance/queue", Ct);
        var atRisk = await caseworker.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/assistance/at-risk", Ct);
        Assert.Equal(number, Assert.Single(queue!).GetProperty("applicationNumber").GetString());
        Assert.Equal(3, Assert.Single(atRisk!).GetProperty("workingDaysLeft").GetInt32());

        using var citizen = factory.CitizenClient(sample.Fin);
        var status = await citizen.GetFromJsonAsync<StatusBody>($"/api/v1/assistance/applications/{number}", AssistanceFactory.Json, Ct);
        Assert.Equal("in-review", status!.Status);
        Assert.Null(status.Decision);

        async Task<ApplicationRecord> WaitAsync(Func<bool> condition)
        {
            Assert.True(await Poll.UntilAsync(condition, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50)), "timed out");
            return store.Find(number)!;
        }
    }
}
