namespace IntegrationHub.ContactCentre.Tests.Monitor;

/// <summary>The simulated morning: every call registered once, in the right queue, and the monitor's figures as the script expects.</summary>
public sealed class SimulatedMorningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SimulatedMorning_EveryCallRegisteredOnce_InItsDepartmentsQueue_AndTheMonitorShowsTheScriptsFigures()
    {
        var clock = new FakeTimeProvider(SimulatedMorning.Start);
        await using var factory = new ContactCentreFactory(time: clock);
        using var telephony = factory.Telephony();
        var operators = SimulatedMorning.Departments.ToDictionary(d => d, d => factory.Operator("op-" + d, d));

        var morning = await SimulatedMorning.RunAsync(clock, telephony, d => operators[d], Ct);

        // Registered once each: 2,000 numbers, none twice; the telephony system's repeats are the same calls.
        Assert.Equal(SimulatedMorning.Calls, morning.Registered.Select(r => r.CallNumber).Distinct().Count());
        Assert.All(morning.Registered, r => Assert.True(r.Created));
        Assert.All(morning.Repeated, r => Assert.Equal((morning.Registered[r.Key].CallNumber, false), (r.Value.CallNumber, r.Value.Created)));
        // Repeat callers by number: the second call names the first.
        const int firstRepeat = SimulatedMorning.Calls - SimulatedMorning.RepeatCallers;
        for (var i = 0; i < SimulatedMorning.Calls; i++)
        {
            var r = morning.Registered[i];
            Assert.Equal(SimulatedMorning.Topic(i), r.Department);
            if (i < firstRepeat) Assert.Null(r.RepeatCaller);
            else Assert.Equal((1, morning.Registered[i - firstRepeat].CallNumber), (r.RepeatCaller!.PreviousCalls, r.RepeatCaller.LastCallNumber));
        }

        // Each queue holds exactly its department's calls that are neither abandoned nor answered.
        foreach (var department in SimulatedMorning.Departments)
        {
            var queue = (await operators[department].GetFromJsonAsync<List<WaitingCallBody>>("/api/v1/contact-centre/queue", ContactCentreFactory.Json, Ct))!;
            var expected = Enumerable.Range(0, SimulatedMorning.Calls).Where(i => SimulatedMorning.Topic(i) == department).Select(i => morning.Registered[i].CallNumber)
                .Except(morning.Abandoned).Except(morning.Answered[department]).Order(StringComparer.Ordinal);
            Assert.Equal(expected, queue.Select(q => q.CallNumber).Order(StringComparer.Ordinal));
            Assert.Equal(SimulatedMorning.AnsweredInTime + SimulatedMorning.AnsweredLate, morning.Answered[department].Count);
        }

        using var supervisor = factory.Supervisor();
        var monitor = (await supervisor.GetFromJsonAsync<MonitorBody>("/api/v1/contact-centre/monitor", ContactCentreFactory.Json, Ct))!;
        Assert.Equal(SimulatedMorning.Departments, monitor.Departments.Select(d => d.Department));
        foreach (var row in monitor.Departments)
        {
            var e = morning.ExpectedFor(row.Department);
            Assert.Equal(
                (e.Waiting, (long?)e.LongestWaitSeconds, e.Answered, e.Abandoned, e.AnsweredWithinTarget, (decimal?)e.WithinTargetPercent, 0),
                (row.Waiting, row.LongestWaitSeconds, row.AnsweredLastHour, row.AbandonedLastHour, row.AnsweredWithinTarget, row.WithinTargetPercent, row.FollowUpsOverdue));
        }
        Assert.Equal(SimulatedMorning.Calls - morning.Abandoned.Count - 42, monitor.Total.Waiting);
        Assert.Equal((42, morning.Abandoned.Count, 24), (monitor.Total.AnsweredLastHour, monitor.Total.AbandonedLastHour, monitor.Total.AnsweredWithinTarget));
        Assert.Equal(0, monitor.OperatorsOnCalls);

        // The month's statistics count the same calls, from the store.
        var statistics = (await supervisor.GetFromJsonAsync<List<TopicMonthBody>>("/api/v1/contact-centre/statistics?from=2026-03&to=2026-03", ContactCentreFactory.Json, Ct))!;
        foreach (var department in SimulatedMorning.Departments)
        {
            var row = Assert.Single(statistics, s => s.Topic == department);
            var e = morning.ExpectedFor(department);
            Assert.Equal((e.Waiting + e.Answered + e.Abandoned, e.Answered, e.AnsweredWithinTarget, e.Abandoned), (row.Calls, row.Answered, row.AnsweredWithinTarget, row.Abandoned));
        }
        Assert.Equal(SimulatedMorning.Calls, statistics.Sum(s => s.Calls));
    }
}
