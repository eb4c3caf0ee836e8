using IntegrationHub.Assistance.Api;
using IntegrationHub.Assistance.Tests.Applications;
using IntegrationHub.Assistance.Tests.Rules;

namespace IntegrationHub.Assistance.Tests.InTheLoop;

/// <summary>Claims, appeals and contests in the store, on a clock the test sets, against each provider.</summary>
public abstract class PeopleInTheLoopStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2020, 6, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkingCalendar Calendar = new(new CalendarOptions());
    private static readonly TimeSpan Claim = TimeSpan.FromHours(2);
    private IStoreProvider? _provider;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IStoreProvider> CreateProviderAsync();

    public async ValueTask InitializeAsync() => _provider = await CreateProviderAsync();

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null) await _provider.DisposeAsync();
    }

    private AssistanceStore Open() => _provider!.Open();

    private static async Task<string> QueuedAsync(AssistanceStore store)
    {
        var declaration = new ProfileBuilder().Applicant(400).Declaration();
        var (app, _) = await store.SubmitAsync(declaration, null, Now, Calendar, TimeSpan.FromDays(1), Ct);
        await store.UpdateCaseAsync(app.Id, c => c.Status = CaseStatus.WithCaseworker, Ct);
        return app.Id;
    }

    [Fact]
    public async Task Claim_HoldsAgainstAnother_UntilItExpires_AndOnlyTheHolderDecides()
    {
        using var store = Open();
        var number = await QueuedAsync(store);

        Assert.Equal(ClaimOutcome.Claimed, (await store.ClaimAsync(number, "cw-1", Now, Claim, Ct)).Outcome);
        var held = await store.ClaimAsync(number, "cw-2", Now + Claim - TimeSpan.FromSeconds(1), Claim, Ct);
        Assert.Equal((ClaimOutcome.HeldByAnother, "cw-1", Now + Claim), (held.Outcome, held.Holder, held.Until));
        Assert.Equal(ManualOutcome.NotClaimed,
            (await store.DecideManuallyAsync(number, "cw-2", new ManualDecision(MeansTestOutcome.Approved, 10m, [], "justified enough"), new RuleSet(), Now, Ct)).Outcome);

        // The claim ends on the clock: the other caseworker takes it over, and the first one no longer decides.
        Assert.Equal(ClaimOutcome.Claimed, (await store.ClaimAsync(number, "cw-2", Now + Claim, Claim, Ct)).Outcome);
        Assert.Equal(ManualOutcome.NotClaimed,
            (await store.DecideManuallyAsync(number, "cw-1", new ManualDecision(MeansTestOutcome.Approved, 10m, [], "justified enough"), new RuleSet(), Now + Claim, Ct)).Outcome);
        var decided = await store.DecideManuallyAsync(number, "cw-2", new ManualDecision(MeansTestOutcome.Approved, 10m, [], "justified enough"), new RuleSet(), Now + Claim, Ct);
        Assert.Equal(ManualOutcome.Decided, decided.Outcome);
        Assert.Equal((number, 1, DecisionKinds.Manual, "cw-2", (string?)null), (decided.Decision!.Id, decided.Decision.Sequence, decided.Decision.Kind, decided.Decision.Author, decided.Decision.Supersedes));
        var app = store.Find(number)!;
        Assert.Equal((CaseStatus.Approved, (string?)null), (app.Status, app.ClaimedBy));
        Assert.Equal(new DateOnly(2021, 5, 31), app.AwardUntil);
        Assert.Single(store.Notices(number), n => n.Kind == "decision");
        Assert.Equal(ClaimOutcome.NotInQueue, (await store.ClaimAsync(number, "cw-1", Now + Claim, Claim, Ct)).Outcome);
    }

    [Fact]
    public async Task Appeal_WithinTheMonth_ThenAnotherCaseworkersDecisionSupersedesTheRefusal()
    {
        using var store = Open();
        var number = await QueuedAsync(store);
        await store.ClaimAsync(number, "cw-1", Now, Claim, Ct);
        await store.DecideManuallyAsync(number, "cw-1", new ManualDecision(MeansTestOutcome.Refused, null, [RefusalReasons.Vehicle], "A car is on record."), new RuleSet(), Now, Ct);

        // Decided on 15 June: appealable through 15 July, not on 16 July.
        var late = await store.AppealAsync(number, store.Find(number)!.Applicant, "The car was sold.", new DateTimeOffset(2020, 7, 16, 0, 0, 1, TimeSpan.Zero), 1, 15, Calendar, Ct);
        Assert.Equal((AppealOutcome.PeriodOver, new DateOnly(2020, 7, 15)), (late.Outcome, late.LastDay!.Value));
        Assert.Equal(AppealOutcome.Unknown, (await store.AppealAsync(number, "SOMEONE", "The car was sold.", Now, 1, 15, Calendar, Ct)).Outcome);
        var appeal = await store.AppealAsync(number, store.Find(number)!.Applicant, "The car was sold.", new DateTimeOffset(2020, 7, 15, 20, 0, 0, TimeSpan.Zero), 1, 15, Calendar, Ct);
        Assert.Equal(AppealOutcome.Created, appeal.Outcome);
        Assert.Equal((new DateOnly(2020, 8, 5), "cw-1"), (appeal.Appeal!.DueDate, appeal.Appeal.DecidedBy));
        Assert.Equal(AppealOutcome.Pending, (await store.AppealAsync(number, store.Find(number)!.Applicant, "Again.", Now, 1, 15, Calendar, Ct)).Outcome);

        var at = new DateTimeOffset(2020, 7, 20, 9, 0, 0, TimeSpan.Zero);
        await store.ClaimAsync(number, "cw-1", at, Claim, Ct);
        Assert.Equal(ManualOutcome.SameCaseworker,
            (await store.DecideManuallyAsync(number, "cw-1", new ManualDecision(MeansTestOutcome.Approved, 55.5m, [], "The car was sold in March."), new RuleSet(), at, Ct)).Outcome);
        await store.ClaimAsync(number, "cw-2", at + Claim, Claim, Ct);
        var outcome = await store.DecideManuallyAsync(number, "cw-2", new ManualDecision(MeansTestOutcome.Approved, 55.5m, [], "The car was sold in March."), new RuleSet(), at + Claim, Ct);
        Assert.Equal(ManualOutcome.Decided, outcome.Outcome);
        Assert.Equal(($"{number}-2", 2, DecisionKinds.AppealOutcome, number), (outcome.Decision!.Id, outcome.Decision.Sequence, outcome.Decision.Kind, outcome.Decision.Supersedes));
        var closed = Assert.Single(store.AppealsOf(number));
        Assert.Equal((AppealStates.Decided, AppealOutcomes.Changed, "cw-2"), (closed.State, closed.Outcome, closed.ReviewedBy));
        Assert.Equal(CaseStatus.Approved, store.Find(number)!.Status);
        Assert.Equal(AppealOutcome.NotAppealable, (await store.AppealAsync(number, store.Find(number)!.Applicant, "More please.", at, 1, 15, Calendar, Ct)).Outcome);

        var june = store.PeopleCountsOf(2020, 6);
        var july = store.PeopleCountsOf(2020, 7);
        Assert.Equal(1, june.ManualDecisions["manual:refused"]);
        Assert.Equal(1, july.ManualDecisions["appeal-outcome:approved"]);
        Assert.Equal(1, july.AppealOutcomes[AppealOutcomes.Changed]);
    }
}

public sealed class LiteDbPeopleInTheLoopStoreTests : PeopleInTheLoopStoreTests
{
    protected override Task<IStoreProvider> CreateProviderAsync() => Task.FromResult<IStoreProvider>(new LiteDbStoreProvider());
}

public sealed class PostgresPeopleInTheLoopStoreTests : PeopleInTheLoopStoreTests
{
    protected override Task<IStoreProvider> CreateProviderAsync() => PostgresStoreProvider.CreateAsync();
}

/// <summary>What needs no store: a manual decision's result and text, a contest's document checked before anything is stored.</summary>
public sealed class PeopleInTheLoopRuleTests
{
    [Fact]
    public async Task ManualRefusal_KeepsTheRulesFigures_AndNamesAReasonTheyDidNotFindWithoutFigures()
    {
        var findings = MeansTest.Evaluate(new ProfileBuilder().Applicant(400).Declaration(), new ProfileBuilder().Applicant(400).Build(), new RuleSet(), new DateOnly(2020, 6, 15));
        var result = AssistanceStore.ManualResultOf(findings, new RuleSet(), new DateOnly(2020, 6, 15),
            new ManualDecision(MeansTestOutcome.Refused, null, [RefusalReasons.MultipleProperties, RefusalReasons.Vehicle], "Seen at the home visit."));

        Assert.Equal((findings.TotalMonthlyIncome, findings.Threshold, findings.Counted.Count), (result.TotalMonthlyIncome, result.Threshold, result.Counted.Count));
        Assert.Equal([RefusalReasons.Vehicle, RefusalReasons.MultipleProperties], result.Reasons.Select(r => r.Code));
        var text = DecisionTexts.Manual("en", "VEM-2020-000001", result, "Seen at the home visit.", appeal: false);
        Assert.Contains("4) Your family owns or uses a vehicle.", text, StringComparison.Ordinal);
        Assert.Contains("Justification: Seen at the home visit.", text, StringComparison.Ordinal);
        Assert.Contains("You may appeal", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf", null)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "image/jpeg", null)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, null, AssistanceProblems.UnsupportedDocumentType)]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, null, AssistanceProblems.UnsupportedDocumentType)]
    public void ContestDocument_IsTypedByItsFirstBytes_NotItsName(byte[] bytes, string? type, string? code)
    {
        var (document, problem) = ContestDocuments.Check(new ContestDocumentRequest("photo.jpg", Convert.ToBase64String(bytes)), 1024);

        Assert.Equal(type, document?.ContentType);
        Assert.Equal(code, problem?.ProblemDetails.Extensions["code"]?.ToString());
        if (document is not null) Assert.Equal(bytes, document.Bytes);
    }

    [Fact]
    public void ContestDocument_OverTheLimit_IsRefusedBeforeItIsDecoded()
    {
        var (_, problem) = ContestDocuments.Check(new ContestDocumentRequest("big.pdf", Convert.ToBase64String([.. "%PDF-"u8, .. new byte[2000]])), 1024);
        Assert.Equal((413, AssistanceProblems.DocumentTooLarge), (problem!.StatusCode, problem.ProblemDetails.Extensions["code"]?.ToString()));
    }
}
