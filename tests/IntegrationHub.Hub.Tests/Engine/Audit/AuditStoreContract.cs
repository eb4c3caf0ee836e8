using IntegrationHub.Hub.Commands;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Hub.Tests.Engine.Audit;

/// <summary>
/// What every audit store must do, whatever keeps it: one suite run against each provider (the embedded segment
/// files, <see cref="Segments.AuditSegmentStoreTests"/>; PostgreSQL, <see cref="Postgres.PostgresAuditStoreTests"/>).
/// A provider says how to open its store, where its checkpoints go, and how an intruder edits or deletes a record.
/// </summary>
public abstract class AuditStoreContract : IAsyncLifetime
{
    protected ScratchDirectory DataDirectory { get; } = new("audit-tests-");

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected virtual AuditOptions Options => new() { DataDirectory = DataDirectory.Path };

    protected abstract IAuditStore Open(AuditOptions options);

    protected IAuditStore Open() => Open(Options);

    /// <summary>Where the provider keeps <paramref name="audit"/>'s checkpoints.</summary>
    protected abstract IAuditCheckpointLog CheckpointLog(IAuditStore audit, AuditOptions options);

    /// <summary>Changes record <paramref name="sequence"/> of the store's segment where it is kept, leaving its stored hash as it was (the store is closed).</summary>
    protected abstract Task EditAsync(long sequence, Action<AuditRecord> change);

    /// <summary>Removes record <paramref name="sequence"/> of the store's segment where it is kept (the store is closed).</summary>
    protected abstract Task DeleteAsync(long sequence);

    /// <summary>The <c>audit verify</c> command's arguments for this provider.</summary>
    protected abstract string[] VerifyCommand();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        DataDirectory.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected AuditCheckpointer Checkpointer(IAuditStore audit, AuditOptions options) =>
        new(audit, AuditSigningKey.LoadOrCreate(options), CheckpointLog(audit, options), Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<AuditCheckpointer>.Instance);

    internal static AuditEntry Entry(int n, string caller = "assistance", string purpose = "targeted-social-assistance", params string[] subjects) => new(
        Guid.CreateVersion7(), caller, null, purpose, $"CASE-{n}", subjects.FirstOrDefault(), subjects.Length == 0 ? ["AAAAAA" + (n % 10)] : subjects,
        AuditRecord.Ok, [new AgencyAccess { Agency = "population", DataSet = "identity", Asked = 1, Ok = 1 }], Guid.NewGuid(), AuditRecord.Sha256($"profile {n}"));

    [Fact]
    public async Task Append_ConcurrentWriters_ChainInCommitOrderAndVerify()
    {
        using var audit = Open();

        var records = await Task.WhenAll(Enumerable.Range(1, 300).Select(i => Task.Run(() => audit.AppendAsync(Entry(i), Token), Token)));

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), records.Select(r => r.Id).Order());
        var verification = audit.Verify();
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(300, verification.Verified);
        Assert.True(audit.Counters.Groups < 300, $"group commit should batch concurrent writers: {audit.Counters}");
    }

    [Fact]
    public async Task Verify_OneRecordEdited_NamesIt()
    {
        using (var audit = Open())
        {
            for (var i = 1; i <= 10; i++) await audit.AppendAsync(Entry(i), Token);
            using var checkpoints = Checkpointer(audit, Options);
            await checkpoints.CheckpointAsync(force: true, Token);
        }
        var before = new StringWriter();
        Assert.True(AuditCommand.Run(VerifyCommand(), before, Time) == 0, before.ToString());

        await EditAsync(7, r => r.Purpose = "curiosity");

        using (var audit = Open())
        {
            var verification = audit.Verify();
            Assert.False(verification.Intact);
            Assert.Equal(7, verification.FirstBroken);
            Assert.Equal(6, verification.Verified);
        }
        var output = new StringWriter();
        Assert.Equal(1, AuditCommand.Run(VerifyCommand(), output, Time));
        Assert.Contains("Record 7", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RecordDeleted_NamesTheOneAfterTheGap()
    {
        using (var audit = Open())
        {
            for (var i = 1; i <= 5; i++) await audit.AppendAsync(Entry(i), Token);
        }
        await DeleteAsync(3);

        using var reopened = Open();
        var verification = reopened.Verify();
        Assert.False(verification.Intact);
        Assert.Equal(4, verification.FirstBroken);
    }

    [Fact]
    public async Task Append_AfterReopen_ContinuesTheChain()
    {
        using (var audit = Open())
        {
            await audit.AppendAsync(Entry(1), Token);
        }
        using var reopened = Open();

        var second = await reopened.AppendAsync(Entry(2), Token);

        Assert.Equal(2, second.Id);
        Assert.True(reopened.Verify().Intact);
    }

    [Fact]
    public async Task Purge_RecordsOlderThanRetention_GoAndTheRestStillVerifies()
    {
        using var audit = Open();
        for (var i = 1; i <= 4; i++) await audit.AppendAsync(Entry(i), Token);
        Time.Advance(TimeSpan.FromDays(3 * 365));
        for (var i = 5; i <= 7; i++) await audit.AppendAsync(Entry(i), Token);
        Time.Advance(TimeSpan.FromDays(2 * 365 + 30));
        using var checkpoints = Checkpointer(audit, Options);
        await checkpoints.CheckpointAsync(force: true, Token);
        var retention = new AuditRetentionService(audit, checkpoints, Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<AuditRetentionService>.Instance);

        var purged = await retention.PurgeAsync(Token);

        Assert.Equal(4, purged);
        var verification = AuditVerifier.Verify(audit, checkpoints.File, checkpoints.Key, Options.Retention, Time.GetUtcNow());
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(3, verification.Verified);
        Assert.Equal(4, verification.AnchoredAt);
        Assert.Equal(3, audit.Count());
        var next = await audit.AppendAsync(Entry(8), Token);
        Assert.Equal(8, next.Id);
        await checkpoints.CheckpointAsync(force: false, Token);
        verification = AuditVerifier.Verify(audit, checkpoints.File, checkpoints.Key, Options.Retention, Time.GetUtcNow());
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(8, verification.LastCheckpoint?.Sequence);
    }

    [Fact]
    public async Task RetentionService_RunsDailyByTheClock()
    {
        using var audit = Open();
        await audit.AppendAsync(Entry(1), Token);
        var options = Options;
        options.Retention = TimeSpan.FromDays(10);
        using var checkpoints = Checkpointer(audit, options);
        using var retention = new AuditRetentionService(audit, checkpoints, Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<AuditRetentionService>.Instance);
        await retention.StartAsync(Token);

        Time.Advance(TimeSpan.FromDays(9));
        Assert.Equal(1, audit.Find(new AuditFilter(), 1, 10).Total);
        Time.Advance(TimeSpan.FromDays(2));
        // The purge runs on the timer's thread after the fake clock fires.
        Assert.True(await Poll.UntilAsync(() => audit.Find(new AuditFilter(), 1, 10).Total == 0, TimeSpan.FromSeconds(10)));

        await retention.StopAsync(Token);
        var verification = AuditVerifier.Verify(audit, checkpoints.File, checkpoints.Key, options.Retention, Time.GetUtcNow());
        Assert.True(verification.Intact, verification.Message);
    }

    [Fact]
    public async Task Find_FiltersBySubjectCallerPurposeAndTime()
    {
        using var audit = Open();
        await audit.AppendAsync(Entry(1, "assistance", "targeted-social-assistance", "AAAAAA1", "BBBBBB1"), Token);
        Time.Advance(TimeSpan.FromHours(1));
        var middle = Time.GetUtcNow();
        await audit.AppendAsync(Entry(2, "disability", "disability-assessment", "BBBBBB1"), Token);
        Time.Advance(TimeSpan.FromHours(1));
        await audit.AppendAsync(Entry(3, "assistance", "targeted-social-assistance", "CCCCCC1"), Token);

        Assert.Equal([2L, 1L], audit.Find(new AuditFilter(Subject: "BBBBBB1"), 1, 10).Items.Select(r => r.Id));
        Assert.Equal([3L, 1L], audit.Find(new AuditFilter(Caller: "assistance"), 1, 10).Items.Select(r => r.Id));
        Assert.Equal([2L], audit.Find(new AuditFilter(Purpose: "disability-assessment"), 1, 10).Items.Select(r => r.Id));
        Assert.Equal([2L], audit.Find(new AuditFilter(From: middle, To: middle.AddMinutes(1)), 1, 10).Items.Select(r => r.Id));
        var secondPage = audit.Find(new AuditFilter(), 2, 2);
        Assert.Equal(3, secondPage.Total);
        Assert.Equal([1L], secondPage.Items.Select(r => r.Id));
        Assert.Equal(3, audit.Count());
    }

    [Fact]
    public async Task ProfilesReturnedAbout_ListsOkAnswersOnce_NotRefusalsOrReplays()
    {
        using var audit = Open();
        var first = await audit.AppendAsync(Entry(1, subjects: "EEEEEE1"), Token);
        await audit.AppendAsync(Entry(2, subjects: "EEEEEE1") with { ReplayOf = first.Id }, Token);
        await audit.AppendAsync(Entry(3, subjects: "EEEEEE1") with { Outcome = "forbidden", ProfileId = null, ProfileHash = null }, Token);
        await audit.AppendAsync(Entry(4, subjects: "FFFFFF1"), Token);

        var returned = audit.ProfilesReturnedAbout("EEEEEE1", 10);

        Assert.Equal([first.Id], returned.Select(r => r.Id));
        Assert.Equal(first.Hash, returned[0].Hash);
    }

    [Fact]
    public async Task Append_StoreDisposed_Throws()
    {
        var audit = Open();
        audit.Dispose();

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => audit.AppendAsync(Entry(1), Token));
    }

    [Fact]
    public async Task Append_ConcurrentWriters_ShareACommitInGroupsOfAtMostMaxGroup()
    {
        var options = Options;
        options.MaxGroup = 8;
        using var audit = Open(options);

        await Task.WhenAll(Enumerable.Range(1, 400).Select(i => Task.Run(() => audit.AppendAsync(Entry(i), Token), Token)));

        var (groups, records) = audit.Counters;
        Assert.Equal(400, records);
        Assert.InRange(groups, 400 / 8, 399);
        Assert.True(audit.Verify().Intact);
    }

    [Fact]
    public async Task Open_SecondStoreOnTheSameSegment_Fails()
    {
        var options = Options;
        options.Segment = "only-one";
        using var audit = Open(options);
        await audit.AppendAsync(Entry(1), Token);

        Assert.ThrowsAny<Exception>(() =>
        {
            using var second = Open(options);
            _ = second.Head;
        });
    }
}
