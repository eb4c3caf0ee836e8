using IntegrationHub.Assistance.Tests.Rules;

namespace IntegrationHub.Assistance.Tests.Applications;

/// <summary>
/// The store over real storage, run against each provider (<see cref="LiteDbAssistanceStoreTests"/>,
/// <see cref="PostgresAssistanceStoreTests"/>): idempotent submission, decision and notice in one commit, replay from
/// what was stored.
/// </summary>
public abstract class AssistanceStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = StoreTests.Now;
    private static readonly WorkingCalendar Calendar = StoreTests.Calendar;
    private IStoreProvider? _provider;

    protected abstract Task<IStoreProvider> CreateProviderAsync();

    public async ValueTask InitializeAsync() => _provider = await CreateProviderAsync();

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null) await _provider.DisposeAsync();
    }

    private AssistanceStore Open() => _provider!.Open();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProfileBuilder Family() =>
        new ProfileBuilder().Applicant(400).Member(RelationToApplicant.Spouse).Member(RelationToApplicant.Child, age: 5).Member(RelationToApplicant.Child, age: 7);

    [Fact]
    public async Task Submit_SameContentTwice_IsOneApplication()
    {
        using var store = Open();
        var declaration = Family().Declaration();

        var (first, created) = await store.SubmitAsync(declaration, null, Now, Calendar, TimeSpan.FromDays(1), Ct);
        var (second, createdAgain) = await store.SubmitAsync(declaration with { Members = declaration.Members.Reverse().ToList() }, null, Now.AddMinutes(5), Calendar, TimeSpan.FromDays(1), Ct);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("VEM-2020-000001", first.Id);
        Assert.Single(store.Notices(first.Id));
    }

    [Fact]
    public async Task Submit_SameContentAfterTheWindow_IsANewApplication()
    {
        using var store = Open();
        var declaration = Family().Declaration();

        var (first, _) = await store.SubmitAsync(declaration, null, Now, Calendar, TimeSpan.FromDays(1), Ct);
        var (second, created) = await store.SubmitAsync(declaration, null, Now.AddDays(2), Calendar, TimeSpan.FromDays(1), Ct);

        Assert.True(created);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReturnsTheFirst_AndDifferentContentUnderItIsRefused()
    {
        using var store = Open();
        var declaration = Family().Declaration();

        var (first, _) = await store.SubmitAsync(declaration, "key-1", Now, Calendar, TimeSpan.Zero, Ct);
        var (again, created) = await store.SubmitAsync(declaration, "key-1", Now.AddDays(3), Calendar, TimeSpan.Zero, Ct);
        var conflict = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            store.SubmitAsync(declaration with { Consent = true, Incomes = [] }, "key-1", Now, Calendar, TimeSpan.Zero, Ct));

        Assert.False(created);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Id, conflict.ApplicationNumber);
    }

    [Fact]
    public async Task Submit_IdempotencyKeyInAnotherCase_IsAnotherKey_OnEveryProvider()
    {
        using var store = Open();
        var declaration = Family().Declaration();

        var (first, _) = await store.SubmitAsync(declaration, "Key-A", Now, Calendar, TimeSpan.Zero, Ct);
        var (other, created) = await store.SubmitAsync(declaration, "key-a", Now, Calendar, TimeSpan.Zero, Ct);
        var (again, createdAgain) = await store.SubmitAsync(declaration, "Key-A", Now, Calendar, TimeSpan.Zero, Ct);

        Assert.True(created);
        Assert.NotEqual(first.Id, other.Id);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task Submitted_IsOnDiskWithItsDueDateAndNotice_AfterReopening()
    {
        string number;
        using (var store = Open())
        {
            (var record, _) = await store.SubmitAsync(Family().Declaration(), null, Now, Calendar, TimeSpan.FromDays(1), Ct);
            number = record.Id;
        }

        using var reopened = Open();
        var stored = reopened.Find(number);
        Assert.NotNull(stored);
        Assert.Equal(new DateOnly(2020, 7, 7), stored.DueDate); // 15 working days after Monday 15 June 2020; Friday 26 June is a holiday
        Assert.Equal(CaseStatus.Registered, stored.Status);
        Assert.Equal("registration", Assert.Single(reopened.PendingNotices(Now, 10)).Kind);
    }

    [Fact]
    public async Task Decision_ItsNoticeAndItsRules_CommitTogether_AndSurviveARestart_AndReplayToTheSameResult()
    {
        var family = Family();
        var declaration = family.Declaration();
        var profile = family.Build();
        var rules = new RuleSet { Version = "test-rules-1" };
        string number;
        using (var store = Open())
        {
            (var record, _) = await store.SubmitAsync(declaration, null, Now, Calendar, TimeSpan.FromDays(1), Ct);
            number = record.Id;
            var result = MeansTest.Evaluate(declaration, profile, rules, record.ApplicationDate);
            Assert.True(await store.DecideAsync(number, declaration, rules, System.Text.Json.JsonSerializer.Serialize(profile, AssistanceStore.Json), result, Now, Ct));
            Assert.False(await store.DecideAsync(number, declaration, rules, "{}", result, Now, Ct));
        }

        // The process "died" right after the decision: nothing was sent. A new one finds the decision and its notice.
        using var reopened = Open();
        var stored = reopened.FindDecision(number)!;
        Assert.Equal("Approved", stored.Outcome);
        Assert.Equal(CaseStatus.Approved, reopened.Find(number)!.Status);
        Assert.Contains(reopened.PendingNotices(Now, 10), n => n.Kind == "decision");
        Assert.Equal(rules.NeedCriterion, reopened.FindRules("test-rules-1")!.NeedCriterion);

        var replayed = Api.ReplayService.Replay(reopened, reopened.Find(number)!, stored);
        Assert.Equal(stored.ResultJson, System.Text.Json.JsonSerializer.Serialize(replayed, AssistanceStore.Json));
        Assert.Equal(240m, replayed.MonthlyAmount);
    }

}

public sealed class LiteDbAssistanceStoreTests : AssistanceStoreTests
{
    protected override Task<IStoreProvider> CreateProviderAsync() => Task.FromResult<IStoreProvider>(new LiteDbStoreProvider());
}

public sealed class PostgresAssistanceStoreTests : AssistanceStoreTests
{
    protected override Task<IStoreProvider> CreateProviderAsync() => PostgresStoreProvider.CreateAsync();
}
