using IntegrationHub.Hub.Commands;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Audit.Segments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Hub.Tests.Engine.Audit.Segments;

/// <summary>The embedded audit store on real files in a directory of its own.</summary>
public sealed class AuditSegmentStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "audit-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    private AuditOptions Options => new() { DataDirectory = _directory };

    private AuditSegmentStore Open() => new(Microsoft.Extensions.Options.Options.Create(Options), _time);

    /// <summary>The hub's checkpointer over <paramref name="audit"/>, its key and checkpoint file in the same directory.</summary>
    internal static AuditCheckpointer Checkpointer(IAuditStore audit, AuditOptions options, TimeProvider time) =>
        new(audit, AuditSigningKey.LoadOrCreate(options), new AuditCheckpointFile(options.CheckpointFilePath), Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<AuditCheckpointer>.Instance);

    internal static AuditEntry Entry(int n, string caller = "assistance", string purpose = "targeted-social-assistance", params string[] subjects) => new(
        Guid.CreateVersion7(), caller, null, purpose, $"CASE-{n}", subjects.FirstOrDefault(), subjects.Length == 0 ? ["AAAAAA" + (n % 10)] : subjects,
        AuditRecord.Ok, [new AgencyAccess { Agency = "population", DataSet = "identity", Asked = 1, Ok = 1 }], Guid.NewGuid(), AuditRecord.Sha256($"profile {n}"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Append_ConcurrentWriters_ChainInCommitOrderAndVerify()
    {
        using var audit = Open();

        var records = await Task.WhenAll(Enumerable.Range(1, 300).Select(i => Task.Run(() => audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), records.Select(r => r.Id).Order());
        var verification = audit.Verify();
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(300, verification.Verified);
        Assert.True(audit.Counters.Groups < 300, $"group commit should batch concurrent writers: {audit.Counters}");
    }

    [Fact]
    public async Task Verify_OneRecordEditedOnDisk_NamesIt()
    {
        using (var audit = Open())
        {
            for (var i = 1; i <= 10; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
            using var checkpoints = Checkpointer(audit, Options, _time);
            await checkpoints.CheckpointAsync(force: true, TestContext.Current.CancellationToken);
        }
        Assert.Equal(0, AuditCommand.Run(["verify", "--Storage:DataDirectory", _directory], TextWriter.Null, _time));

        SegmentTampering.Edit(Options.SegmentDirectory, 7, r => r.Purpose = "curiosity");

        using (var audit = Open())
        {
            var verification = audit.Verify();
            Assert.False(verification.Intact);
            Assert.Equal(7, verification.FirstBroken);
            Assert.Equal(6, verification.Verified);
        }
        var output = new StringWriter();
        Assert.Equal(1, AuditCommand.Run(["verify", "--Storage:DataDirectory", _directory], output, _time));
        Assert.Contains("Record 7:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RecordDeletedOnDisk_NamesTheOneAfterTheGap()
    {
        using (var audit = Open())
        {
            for (var i = 1; i <= 5; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
        }
        Assert.Equal(1, SegmentTampering.Delete(Options.SegmentDirectory, r => r.Id == 3));

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
            await audit.AppendAsync(Entry(1), TestContext.Current.CancellationToken);
        }
        using var reopened = Open();

        var second = await reopened.AppendAsync(Entry(2), TestContext.Current.CancellationToken);

        Assert.Equal(2, second.Id);
        Assert.True(reopened.Verify().Intact);
    }

    [Fact]
    public async Task Purge_RecordsOlderThanRetention_GoAndTheRestStillVerifies()
    {
        using var audit = Open();
        for (var i = 1; i <= 4; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(3 * 365));
        for (var i = 5; i <= 7; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(2 * 365 + 30));
        using var checkpoints = Checkpointer(audit, Options, _time);
        await checkpoints.CheckpointAsync(force: true, TestContext.Current.CancellationToken);
        var retention = new AuditRetentionService(audit, checkpoints, Microsoft.Extensions.Options.Options.Create(Options), _time, NullLogger<AuditRetentionService>.Instance);

        var purged = await retention.PurgeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(4, purged);
        var verification = AuditVerifier.Verify(audit, checkpoints.File, checkpoints.Key, Options.Retention, _time.GetUtcNow());
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(3, verification.Verified);
        Assert.Equal(4, verification.AnchoredAt);
        var next = await audit.AppendAsync(Entry(8), TestContext.Current.CancellationToken);
        Assert.Equal(8, next.Id);
        await checkpoints.CheckpointAsync(force: false, TestContext.Current.CancellationToken);
        verification = AuditVerifier.Verify(audit, checkpoints.File, checkpoints.Key, Options.Retention, _time.GetUtcNow());
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(8, verification.LastCheckpoint?.Sequence);
    }

    [Fact]
    public async Task RetentionService_RunsDailyByTheClock()
    {
        using var audit = Open();
        await audit.AppendAsync(Entry(1), TestContext.Current.CancellationToken);
        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions { DataDirectory = _directory, Retention = TimeSpan.FromDays(10) });
        using var checkpoints = Checkpointer(audit, options.Value, _time);
        using var retention = new AuditRetentionService(audit, checkpoints, options, _time, NullLogger<AuditRetentionService>.Instance);
        await retention.StartAsync(TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromDays(9));
        Assert.Equal(1, audit.Find(new AuditFilter(), 1, 10).Total);
        _time.Advance(TimeSpan.FromDays(2));
        await WaitUntilAsync(() => audit.Find(new AuditFilter(), 1, 10).Total == 0);

        await retention.StopAsync(TestContext.Current.CancellationToken);
        var verification = AuditVerifier.Verify(audit, checkpoints.File, checkpoints.Key, options.Value.Retention, _time.GetUtcNow());
        Assert.True(verification.Intact, verification.Message);
    }

    [Fact]
    public async Task Find_FiltersBySubjectCallerPurposeAndTime()
    {
        using var audit = Open();
        await audit.AppendAsync(Entry(1, "assistance", "targeted-social-assistance", "AAAAAA1", "BBBBBB1"), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromHours(1));
        var middle = _time.GetUtcNow();
        await audit.AppendAsync(Entry(2, "disability", "disability-assessment", "BBBBBB1"), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromHours(1));
        await audit.AppendAsync(Entry(3, "assistance", "targeted-social-assistance", "CCCCCC1"), TestContext.Current.CancellationToken);

        Assert.Equal([2L, 1L], audit.Find(new AuditFilter(Subject: "BBBBBB1"), 1, 10).Items.Select(r => r.Id));
        Assert.Equal([3L, 1L], audit.Find(new AuditFilter(Caller: "assistance"), 1, 10).Items.Select(r => r.Id));
        Assert.Equal([2L], audit.Find(new AuditFilter(Purpose: "disability-assessment"), 1, 10).Items.Select(r => r.Id));
        Assert.Equal([2L], audit.Find(new AuditFilter(From: middle, To: middle.AddMinutes(1)), 1, 10).Items.Select(r => r.Id));
        var secondPage = audit.Find(new AuditFilter(), 2, 2);
        Assert.Equal(3, secondPage.Total);
        Assert.Equal([1L], secondPage.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Append_StoreDisposed_Throws()
    {
        var audit = Open();
        audit.Dispose();

        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => audit.AppendAsync(Entry(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Append_ConcurrentWriters_ShareAnFsyncInGroupsOfAtMostMaxGroup()
    {
        var options = Options;
        options.MaxGroup = 8;
        using var audit = new AuditSegmentStore(Microsoft.Extensions.Options.Options.Create(options), _time);

        await Task.WhenAll(Enumerable.Range(1, 400).Select(i => Task.Run(() => audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        var (groups, records) = audit.Counters;
        Assert.Equal(400, records);
        Assert.InRange(groups, 400 / 8, 399);
        Assert.True(audit.Verify().Intact);
    }

    [Fact]
    public async Task Open_LastLineCutShortByACrash_IsMovedAsideAndTheChainContinues()
    {
        using (var audit = Open())
        {
            for (var i = 1; i <= 3; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
        }
        var chunk = Assert.Single(SegmentFiles.Chunks(Options.SegmentDirectory));
        // A group whose write reached the disk in part before the kill: never acknowledged.
        await File.AppendAllTextAsync(chunk, "{\"hash\":\"00ab", TestContext.Current.CancellationToken);

        using var reopened = Open();

        Assert.Equal(3, reopened.Head.Sequence);
        Assert.Single(Directory.GetFiles(Options.SegmentDirectory, "*.torn"));
        Assert.Equal(4, (await reopened.AppendAsync(Entry(4), TestContext.Current.CancellationToken)).Id);
        Assert.True(reopened.Verify().Intact, reopened.Verify().Message);
    }

    [Fact]
    public async Task Open_ViewsDeleted_AreRebuiltFromTheSegment()
    {
        using (var audit = Open())
        {
            for (var i = 1; i <= 5; i++) await audit.AppendAsync(Entry(i, subjects: "DDDDDD1"), TestContext.Current.CancellationToken);
        }
        File.Delete(Path.Combine(Options.SegmentDirectory, "views.db"));

        using var reopened = Open();

        Assert.Equal([5L, 4L, 3L, 2L, 1L], reopened.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 10).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Open_ViewsBehindTheSegment_CatchUp()
    {
        var views = Path.Combine(Options.SegmentDirectory, "views.db");
        var behind = Path.Combine(_directory, "views-behind.db");
        using (var audit = Open())
        {
            for (var i = 1; i <= 3; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
        }
        File.Copy(views, behind);
        using (var audit = Open())
        {
            for (var i = 4; i <= 7; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
        }
        // What a crash leaves when the views (never fsynced) lost their last writes but the segment kept its records.
        File.Copy(behind, views, overwrite: true);

        using var reopened = Open();

        var page = reopened.Find(new AuditFilter(), 1, 10);
        Assert.Equal(7, page.Total);
        Assert.Equal([7L, 6L, 5L, 4L, 3L, 2L, 1L], page.Items.Select(r => r.Id));
        Assert.Equal(reopened.HashAt(7), page.Items[0].Hash);
    }

    [Fact]
    public async Task Open_ViewsOfAnotherChain_AreEmptiedAndRebuilt()
    {
        var other = new AuditOptions { DataDirectory = Path.Combine(_directory, "other") };
        using (var audit = new AuditSegmentStore(Microsoft.Extensions.Options.Options.Create(other), _time))
        {
            for (var i = 1; i <= 4; i++) await audit.AppendAsync(Entry(i, caller: "disability"), TestContext.Current.CancellationToken);
        }
        using (var audit = Open())
        {
            for (var i = 1; i <= 4; i++) await audit.AppendAsync(Entry(i, caller: "assistance"), TestContext.Current.CancellationToken);
        }
        File.Copy(Path.Combine(other.SegmentDirectory, "views.db"), Path.Combine(Options.SegmentDirectory, "views.db"), overwrite: true);

        using var reopened = Open();

        Assert.Equal(4, reopened.Find(new AuditFilter(Caller: "assistance"), 1, 10).Total);
        Assert.Equal(0, reopened.Find(new AuditFilter(Caller: "disability"), 1, 10).Total);
    }

    [Fact]
    public void Open_SecondStoreOnTheSameSegment_Throws()
    {
        using var audit = Open();

        Assert.Throws<IOException>(() => Open());
    }

    [Fact]
    public async Task Open_LegacyLiteDbFile_IsImportedWithItsHashesAndSetAside()
    {
        var legacy = WriteLegacyFile(Options.LegacyFilePath, 6, anchorAfter: 2);
        // Verified as it is by the command before the hub first starts over it.
        var before = new StringWriter();
        AuditCommand.Run(["verify", "--Storage:DataDirectory", _directory], before, _time);
        Assert.Contains("an audit.db of an earlier version", before.ToString(), StringComparison.Ordinal);

        using var audit = Open();

        Assert.False(File.Exists(Options.LegacyFilePath));
        Assert.True(File.Exists(Options.LegacyFilePath + ".imported"));
        var verification = audit.Verify();
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(4, verification.Verified);
        Assert.Equal(2, audit.Anchor?.Sequence);
        Assert.Equal(legacy[^1].Hash, audit.Head.Hash);
        Assert.Equal(legacy.Skip(2).Select(r => (r.Id, r.Hash, r.CaseNumber)), audit.Find(new AuditFilter(), 1, 10).Items.Reverse().Select(r => (r.Id, r.Hash, r.CaseNumber)));
        var next = await audit.AppendAsync(Entry(7), TestContext.Current.CancellationToken);
        Assert.Equal(7, next.Id);
        Assert.Equal(legacy[^1].Hash, next.PreviousHash);
        Assert.True(audit.Verify().Intact);
    }

    [Fact]
    public void Open_LegacyLiteDbFileWithAnEditedRecord_ImportsItAsItIs_AndVerifyNamesIt()
    {
        WriteLegacyFile(Options.LegacyFilePath, 5, anchorAfter: 0, edit: 3);

        using var audit = Open();

        var verification = audit.Verify();
        Assert.False(verification.Intact);
        Assert.Equal(3, verification.FirstBroken);
    }

    /// <summary>An <c>audit.db</c> as the LiteDB store of earlier versions wrote it: the records chained, and the anchor of a purge.</summary>
    private List<AuditRecord> WriteLegacyFile(string path, int count, int anchorAfter, int edit = 0)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var records = new List<AuditRecord>();
        var previous = AuditRecord.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = Entry(i);
            var record = new AuditRecord
            {
                Id = i, Time = _time.GetUtcNow().AddMinutes(i - count), Segment = "", RequestId = e.RequestId, Caller = e.Caller, Purpose = e.Purpose,
                CaseNumber = e.CaseNumber, Applicant = e.Applicant, Subjects = [.. e.Subjects], Outcome = e.Outcome, Agencies = [.. e.Agencies],
                ProfileId = e.ProfileId, ProfileHash = e.ProfileHash, PreviousHash = previous,
            };
            record.Hash = record.ComputeHash();
            previous = record.Hash;
            if (i == edit) record.CaseNumber = "EDITED";
            records.Add(record);
        }
        using var db = new LiteDB.LiteDatabase(path, IntegrationHub.Storage.DurableStore.CreateMapper());
        db.GetCollection<AuditRecord>("records").InsertBulk(records.Skip(anchorAfter));
        if (anchorAfter > 0)
        {
            var last = records[anchorAfter - 1];
            db.GetCollection("chain").Insert(new LiteDB.BsonDocument { ["_id"] = "anchor", ["Sequence"] = last.Id, ["Hash"] = last.Hash, ["Time"] = last.Time.UtcDateTime });
        }
        return records;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // The purge runs on the timer's thread after the fake clock fires; poll briefly for it.
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.True(condition());
    }
}
