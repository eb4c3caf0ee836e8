using IntegrationHub.Disability.Storage.Postgres;
using IntegrationHub.Extracts.Storage;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Postgres;

namespace IntegrationHub.Disability.Tests.Storage;

/// <summary>
/// What every disability store must do, run against each provider. "Two instances" are two stores over the same data:
/// for the file, the one store (one process per file); for the database, two stores with pools of their own, as two
/// processes would have. The races run both at once and count what was written.
/// </summary>
public abstract class DisabilityStoreContract : IAsyncLifetime
{
    private const string Fin = "5ZXY7AB";
    private const string Card = "AA7000001";

    private readonly ConcurrentDictionary<IDisabilityStore, ILookupLimits> _limits = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The first instance.</summary>
    protected abstract IDisabilityStore A { get; }

    /// <summary>The second instance over the same data.</summary>
    protected abstract IDisabilityStore B { get; }

    public abstract ValueTask InitializeAsync();

    public abstract ValueTask DisposeAsync();

    private static readonly LookupOptions LimitOptions = new()
    {
        PerClientLimit = 5,
        PerClientWindow = TimeSpan.FromMinutes(10),
        PerIdLimit = 5,
        PerIdWindow = TimeSpan.FromHours(1),
    };

    /// <summary>The instance's limits, one per instance (a process has one).</summary>
    private ILookupLimits Limits(IDisabilityStore store) => _limits.GetOrAdd(store, s => s.CreateLookupLimits(LimitOptions, Time));

    private IDisabilityStore Instance(int i) => i % 2 == 0 ? A : B;

    private CaseDocument Case(string number, string fin = Fin, CaseStatus status = CaseStatus.AwaitingResult, string? card = Card, TimeSpan? receivedAfter = null) => new()
    {
        ReferralNumber = number,
        Fin = fin,
        Clinic = "Poliklinika 1",
        Diagnoses = ["I10"],
        IssuedOn = new DateOnly(2026, 3, 1),
        ReceivedAt = Time.GetUtcNow() + (receivedAfter ?? TimeSpan.Zero),
        SubmittedBy = "doctor-1",
        Status = status,
        Person = card is null ? null : new PersonDocument { GivenName = "Aysel", Surname = "Məmmədova", BirthDate = new DateOnly(1980, 5, 17), IdCardNumber = card },
        EarlierExams = [new AssessmentDocument { Percent = 45, From = new DateOnly(2024, 1, 1), Until = new DateOnly(2025, 1, 1) }],
    };

    private LookupDocument Lookup(string card = Card, string outcome = LookupDocument.NoMatch, TimeSpan? ago = null) => new()
    {
        Id = Guid.NewGuid(),
        At = Time.GetUtcNow() - (ago ?? TimeSpan.Zero),
        Channel = LastExamLookup.WebChannel,
        Client = "10.0.0.1",
        IdCardNumber = card,
        Outcome = outcome,
    };

    [Fact]
    public async Task AddCase_TheSameNumberFromTwoInstancesAtOnce_KeepsOne()
    {
        var added = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => Instance(i).AddCaseAsync(Case("R-1001", fin: "FIN" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), Ct), Ct)));

        Assert.Single(added, a => a);
        var kept = B.FindCase("R-1001");
        Assert.NotNull(kept);
        Assert.Equal(kept.Fin, A.FindCase("R-1001")!.Fin);
    }

    [Fact]
    public async Task Cases_AreFoundByNumberPersonCardAndWaitingState()
    {
        await A.AddCaseAsync(Case("R-2", status: CaseStatus.AwaitingRecords, card: null, receivedAfter: TimeSpan.FromMinutes(2)), Ct);
        await A.AddCaseAsync(Case("R-1", status: CaseStatus.AwaitingRecords, card: null, receivedAfter: TimeSpan.FromMinutes(1)), Ct);
        await A.AddCaseAsync(Case("R-3"), Ct);
        await A.AddCaseAsync(Case("R-4", fin: "7ABC123", card: "AA7000002"), Ct);

        var found = B.FindCase("R-3")!;
        Assert.Equal(("Aysel", Card, "I10", 45, CaseStatus.AwaitingResult), (found.Person!.GivenName, found.Person.IdCardNumber, found.Diagnoses.Single(), found.EarlierExams.Single().Percent, found.Status));
        Assert.Equal(Time.GetUtcNow(), found.ReceivedAt);
        Assert.Null(B.FindCase("R-9"));
        Assert.Equal(["R-1", "R-2", "R-3"], B.CasesOf(Fin).Select(c => c.ReferralNumber).Order(StringComparer.Ordinal));
        Assert.Equal(["R-3"], B.CasesByIdCard(Card).Select(c => c.ReferralNumber));
        Assert.Equal(["R-1", "R-2"], B.AwaitingRecords(10));
        Assert.Equal(["R-1"], B.AwaitingRecords(1));

        await B.DeleteCaseAsync("R-1", Ct);
        Assert.Null(A.FindCase("R-1"));
    }

    [Fact]
    public async Task UpdateCase_TwoInstancesDecidingAtOnce_RecordOneResult()
    {
        await A.AddCaseAsync(Case("R-5"), Ct);
        var decisions = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Instance(i).UpdateCaseAsync("R-5", c =>
        {
            if (c.Status != CaseStatus.AwaitingResult) return false;
            Interlocked.Increment(ref decisions);
            c.Status = CaseStatus.Decided;
            c.Result = new ResultDocument { Percent = 45, DecidedBy = "member-" + i, DecidedAt = Time.GetUtcNow(), StartDate = new DateOnly(2026, 3, 2) };
            return true;
        }, Ct), Ct)));

        Assert.Equal(1, decisions);
        var decided = A.FindCase("R-5")!;
        Assert.Equal(CaseStatus.Decided, decided.Status);
        Assert.All(results, r => Assert.Equal(decided.Result!.DecidedBy, r!.Result!.DecidedBy));
    }

    [Fact]
    public async Task UpdateCase_ChangeDeclined_WritesNothing_AndAnUnknownCaseIsNull()
    {
        await A.AddCaseAsync(Case("R-6"), Ct);

        var unchanged = await B.UpdateCaseAsync("R-6", c => { c.Clinic = "changed in memory only"; return false; }, Ct);

        Assert.Equal("changed in memory only", unchanged!.Clinic);
        Assert.Equal("Poliklinika 1", A.FindCase("R-6")!.Clinic);
        Assert.Null(await B.UpdateCaseAsync("R-404", _ => true, Ct));
    }

    [Fact]
    public async Task Appeals_OnePerResult_DecidedOnce_AChangedResultSupersedesTheFirst()
    {
        var first = Case("R-7", status: CaseStatus.Decided);
        await A.AddCaseAsync(first, Ct);
        var appeal = new AppealDocument { ReferralNumber = "R-7", Fin = Fin, Reason = "too low", FiledAt = Time.GetUtcNow(), DueOn = new DateOnly(2026, 3, 16) };
        Assert.True(await A.AddAppealAsync(appeal, Ct));
        Assert.False(await B.AddAppealAsync(appeal, Ct));
        Assert.Equal(["R-7"], B.PendingAppeals().Select(a => a.ReferralNumber));
        var replacement = Case("R-7-AP", status: CaseStatus.Decided);
        replacement.AppealOf = "R-7";
        var decisions = 0;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Instance(i).UpdateAppealAsync("R-7", a =>
        {
            if (a.Status != AppealStatus.Pending) return false;
            Interlocked.Increment(ref decisions);
            a.Status = AppealStatus.Changed;
            a.NewReferralNumber = replacement.ReferralNumber;
            a.SupersedePending = true;
            return true;
        }, replacement, Ct), Ct)));

        Assert.Equal(1, decisions);
        Assert.Empty(A.PendingAppeals());
        Assert.Equal(["R-7"], A.AppealsAwaitingSupersede().Select(a => a.ReferralNumber));
        Assert.Equal("R-7-AP", A.FindCase("R-7")!.SupersededBy);
        Assert.Equal("R-7", B.FindCase("R-7-AP")!.AppealOf);
        Assert.Equal(AppealStatus.Changed, Assert.Single(B.AppealsOf(Fin)).Status);

        await B.UpdateAppealAsync("R-7", a => { a.SupersedePending = false; return true; }, replacement: null, Ct);
        Assert.Empty(A.AppealsAwaitingSupersede());
    }

    [Fact]
    public async Task Extracts_IssuedOnOneInstance_VerifyOnTheOther_AndAreSupersededOnce()
    {
        var old = new IssuedExtract("CODE1", Fin, "R-8", Time.GetUtcNow(), Fin);
        await A.Extracts.AddAsync(old, Ct);
        await B.Extracts.AddVerificationAsync(new ExtractVerification(Guid.NewGuid(), "CODE1", Fin, "R-8", "pasha-insurance", Time.GetUtcNow()), Ct);

        Assert.Equal(old, B.Extracts.Find("CODE1"));
        Assert.Equal(["CODE1"], B.Extracts.OfOwner(Fin).Select(e => e.Code));
        Assert.Equal("pasha-insurance", Assert.Single(A.Extracts.VerificationsOfOwner(Fin)).Organisation);
        Assert.Single(A.Extracts.VerificationsBy("pasha-insurance"));
        Assert.Empty(A.Extracts.VerificationsBy("another"));

        var replaced = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            Instance(i).Extracts.ReplaceAsync(new IssuedExtract("NEW" + i, Fin, "R-8-AP", Time.GetUtcNow(), "central"), ["CODE1"], Time.GetUtcNow(), Ct), Ct)));

        Assert.Single(replaced, r => r);
        var winner = "NEW" + Array.IndexOf(replaced, true);
        Assert.Equal((ExtractStatus.Superseded, winner), (A.Extracts.Find("CODE1")!.Status, A.Extracts.Find("CODE1")!.SupersededBy));
        Assert.Equal(2, B.Extracts.OfOwner(Fin).Count);
    }

    [Fact]
    public async Task CardLimit_TwoInstancesLookingACardUpAtOnce_LetThroughTheLimitAndNoMore()
    {
        var waits = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Limits(Instance(i)).TryCardAsync(Lookup(), Ct), Ct)));

        Assert.Equal(5, waits.Count(w => w is null));
        Assert.All(waits.Where(w => w is not null), w => Assert.Equal(TimeSpan.FromHours(1), w));
        Assert.Equal(5, A.CountedLookups(Card, Time.GetUtcNow() - TimeSpan.FromHours(1)).Count);
        Assert.Equal(5, B.Lookups(DateTimeOffset.MinValue).Count);

        Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await Limits(B).TryCardAsync(Lookup(), Ct));
    }

    [Fact]
    public async Task CardLimit_CountsEarlierRecords_NotInvalidOnes()
    {
        for (var i = 0; i < 4; i++) await A.AddLookupAsync(Lookup(ago: TimeSpan.FromMinutes(30)), Ct);
        await A.AddLookupAsync(Lookup(outcome: LookupDocument.Invalid), Ct);
        // Older than the window: no longer counted.
        await A.AddLookupAsync(Lookup(ago: TimeSpan.FromHours(2)), Ct);

        Assert.Null(await Limits(B).TryCardAsync(Lookup(), Ct));
        Assert.Equal(TimeSpan.FromMinutes(30), await Limits(B).TryCardAsync(Lookup(), Ct));
        Assert.Null(await Limits(B).TryCardAsync(Lookup("AA7000002"), Ct));
    }

    [Fact]
    public async Task ClientLimit_TwoInstancesCountingAtOnce_LetThroughTheLimitPerWindow()
    {
        var waits = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Limits(Instance(i)).TryClientAsync("web:10.0.0.7", Ct), Ct)));

        Assert.Equal(5, waits.Count(w => w is null));
        Assert.Null(await Limits(A).TryClientAsync("web:10.0.0.8", Ct));

        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(await Limits(B).TryClientAsync("web:10.0.0.7", Ct));
    }

    [Fact]
    public async Task Purge_RemovesLookupAndRefusalRecordsOlderThanTheCutoff()
    {
        await A.AddLookupAsync(Lookup(ago: TimeSpan.FromDays(2)), Ct);
        await A.AddLookupAsync(Lookup("AA7000002"), Ct);
        await A.AddRefusalsAsync([
            new LookupRefusalDocument { Id = Guid.NewGuid(), From = Time.GetUtcNow() - TimeSpan.FromDays(3), To = Time.GetUtcNow() - TimeSpan.FromDays(2), Channel = "web", Client = "10.0.0.1", Limit = "card", Count = 3 },
            new LookupRefusalDocument { Id = Guid.NewGuid(), From = Time.GetUtcNow() - TimeSpan.FromMinutes(1), To = Time.GetUtcNow(), Channel = "web", Client = "10.0.0.2", Limit = "client", Count = 7 },
        ], Ct);

        Assert.Equal(2, await B.PurgeLookupsAsync(Time.GetUtcNow() - TimeSpan.FromDays(1), Ct));

        Assert.Equal(["AA7000002"], A.Lookups(DateTimeOffset.MinValue).Select(l => l.IdCardNumber));
        Assert.Equal((7L, "client"), A.Refusals(DateTimeOffset.MinValue).Select(r => (r.Count, r.Limit)).Single());
    }
}

public sealed class LiteDbDisabilityStoreTests : DisabilityStoreContract
{
    private readonly ScratchDirectory _directory = new("disability-store-");
    private LiteDbDisabilityStore? _store;

    // One process per file: the second instance is the same store.
    protected override IDisabilityStore A => _store!;

    protected override IDisabilityStore B => _store!;

    public override ValueTask InitializeAsync()
    {
        _store = new LiteDbDisabilityStore(new DurableStore(new DurableStoreOptions(_directory.File(LiteDbDisabilityStore.FileName))));
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _store?.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresDisabilityStoreTests : DisabilityStoreContract
{
    private PostgresServer? _server;
    private PostgresDatabase? _first;
    private PostgresDatabase? _second;
    private IDisabilityStore? _a;
    private IDisabilityStore? _b;

    // Two processes: each its own pool over the one database.
    protected override IDisabilityStore A => _a!;

    protected override IDisabilityStore B => _b!;

    public override async ValueTask InitializeAsync()
    {
        _server = await PostgresServer.CreateDatabaseAsync();
        _first = new PostgresDatabase(_server.ConnectionString);
        _second = new PostgresDatabase(_server.ConnectionString);
        _a = new PostgresDisabilityStore(_first);
        _b = new PostgresDisabilityStore(_second);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_first is not null) await _first.DisposeAsync();
        if (_second is not null) await _second.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
