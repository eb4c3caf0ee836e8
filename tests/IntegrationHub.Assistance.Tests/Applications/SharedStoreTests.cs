using IntegrationHub.Assistance.Tests.Rules;

namespace IntegrationHub.Assistance.Tests.Applications;

/// <summary>
/// Two instances on one PostgreSQL database (two stores, each with its own connection pool) submitting, working the
/// same due cases and sending the same outbox at once: numbers unique, one application per idempotency key, each case
/// decided once, each notice sent once, a caseworker's claim held against the other instance.
/// </summary>
public sealed class SharedStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = StoreTests.Now;
    private static readonly WorkingCalendar Calendar = StoreTests.Calendar;
    private static readonly RuleSet Rules = new() { Version = "test-rules-1" };
    private PostgresStoreProvider? _provider;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _provider = (PostgresStoreProvider)await PostgresStoreProvider.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null) await _provider.DisposeAsync();
    }

    private static ProfileBuilder Family() => new ProfileBuilder().Applicant(400).Member(RelationToApplicant.Child, age: 5);

    [Fact]
    public async Task TwoInstances_SubmitWorkAndSend_EachCaseDecidedOnce_EachNoticeSentOnce_NumbersUnique()
    {
        using var a = _provider!.Open();
        using var b = _provider.Open();
        const int Applications = 40;
        var declaration = Family().Declaration();

        // Every key submitted on both instances at once: one application each.
        var submitted = await Task.WhenAll(Enumerable.Range(0, Applications).SelectMany(i => new[] { a, b }.Select(store =>
            Task.Run(() => store.SubmitAsync(declaration, $"key-{i}", Now, Calendar, TimeSpan.Zero, Ct), Ct))));
        var numbers = submitted.Select(s => s.Application.Id).Distinct().ToList();
        Assert.Equal(Applications, numbers.Count);
        Assert.Equal(Applications, submitted.Count(s => s.Created));
        Assert.Equal(Enumerable.Range(1, Applications).Select(n => $"VEM-2020-{n:000000}"), numbers.Order(StringComparer.Ordinal));

        // Both work the due cases at once, a few at a time.
        var decided = new ConcurrentBag<(string Instance, string Number)>();
        var profile = JsonSerializer.Serialize(Family().Build(), AssistanceStore.Json);
        var result = MeansTest.Evaluate(declaration, Family().Build(), Rules, DateOnly.FromDateTime(Now.UtcDateTime));
        async Task WorkAsync(string instance, AssistanceStore store)
        {
            while (store.DueCases(Now, 4) is { Count: > 0 } due)
            {
                foreach (var c in due)
                {
                    if (await store.DecideAsync(c.Id, declaration, Rules, profile, result, Now, Ct)) decided.Add((instance, c.Id));
                }
            }
        }
        await Task.WhenAll(Task.Run(() => WorkAsync("a", a), Ct), Task.Run(() => WorkAsync("b", b), Ct));

        Assert.Equal(numbers.Order(StringComparer.Ordinal), decided.Select(d => d.Number).Order(StringComparer.Ordinal));
        Assert.All(numbers, n => Assert.Single(a.DecisionsOf(n)));

        // Both send the outbox at once: the registration and the decision notice of each, once.
        var sent = new ConcurrentBag<string>();
        async Task SendAsync(AssistanceStore store)
        {
            while (store.PendingNotices(Now, 4) is { Count: > 0 } due)
            {
                foreach (var notice in due)
                {
                    sent.Add(notice.Id);
                    await store.MarkSentAsync(notice.Id, Now, Ct);
                }
            }
        }
        await Task.WhenAll(Task.Run(() => SendAsync(a), Ct), Task.Run(() => SendAsync(b), Ct));

        Assert.Equal(2 * Applications, sent.Count);
        Assert.Equal(sent.Count, sent.Distinct().Count());
        Assert.All(numbers, n => Assert.Equal(new[] { "decision", "registration" }, b.Notices(n).Select(o => o.Kind).Order(StringComparer.Ordinal)));
        Assert.Empty(a.PendingNotices(Now.AddDays(1), 10));
    }

    [Fact]
    public async Task DueCase_TakenByOneInstance_IsGivenToAnotherOnlyWhenTheTakeLapses()
    {
        var takeFor = TimeSpan.FromMinutes(2);
        using var a = _provider!.Open(takeFor);
        using var b = _provider.Open(takeFor);
        var (application, _) = await a.SubmitAsync(Family().Declaration(), "key", Now, Calendar, TimeSpan.Zero, Ct);

        Assert.Equal(application.Id, Assert.Single(a.DueCases(Now, 10)).Id);
        Assert.Empty(b.DueCases(Now, 10));
        Assert.Equal(Now + takeFor, b.NextDue());

        // Instance a died with the case: b takes it when the take lapses on the clock.
        Assert.Empty(b.DueCases(Now + takeFor - TimeSpan.FromSeconds(1), 10));
        Assert.Equal(application.Id, Assert.Single(b.DueCases(Now + takeFor, 10)).Id);

        // Written by the instance that took it: due again by its own time, for whichever instance asks.
        await b.UpdateCaseAsync(application.Id, c => c.NextAttemptAt = Now + takeFor + TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(Now + takeFor + TimeSpan.FromSeconds(30), a.NextDue());
        Assert.Equal(application.Id, Assert.Single(a.DueCases(Now + takeFor + TimeSpan.FromSeconds(30), 10)).Id);
    }

    [Fact]
    public async Task CaseworkerClaim_OnTwoInstancesAtOnce_OneHoldsIt()
    {
        using var a = _provider!.Open();
        using var b = _provider.Open();
        var numbers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var (application, _) = await a.SubmitAsync(Family().Declaration(), $"key-{i}", Now, Calendar, TimeSpan.Zero, Ct);
            await a.UpdateCaseAsync(application.Id, c => c.Status = CaseStatus.WithCaseworker, Ct);
            numbers.Add(application.Id);
        }

        foreach (var number in numbers)
        {
            var claims = await Task.WhenAll(
                Task.Run(() => a.ClaimAsync(number, "cw-1", Now, TimeSpan.FromHours(2), Ct), Ct),
                Task.Run(() => b.ClaimAsync(number, "cw-2", Now, TimeSpan.FromHours(2), Ct), Ct));

            var winner = Assert.Single(claims, c => c.Outcome == ClaimOutcome.Claimed);
            var loser = Assert.Single(claims, c => c.Outcome == ClaimOutcome.HeldByAnother);
            Assert.Equal(winner.Holder, loser.Holder);
            Assert.Equal(winner.Holder, a.Find(number)!.ClaimedBy);
        }
    }
}
