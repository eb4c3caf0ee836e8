using IntegrationHub.Hub.Commands;
using IntegrationHub.Hub.Engine.Audit.Segments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Engine.Audit.Segments;

/// <summary>The embedded audit store on real files in a directory of its own: the store contract, and what only segment files have.</summary>
public sealed class AuditSegmentStoreTests : AuditStoreContract
{
    private readonly string _directory;
    private readonly FakeTimeProvider _time;

    public AuditSegmentStoreTests()
    {
        _directory = DataDirectory.Path;
        _time = Time;
    }

    protected override IAuditStore Open(AuditOptions options) => new AuditSegmentStore(Microsoft.Extensions.Options.Options.Create(options), _time);

    private new AuditSegmentStore Open() => (AuditSegmentStore)Open(Options);

    protected override IAuditCheckpointLog CheckpointLog(IAuditStore audit, AuditOptions options) => new AuditCheckpointFile(options.CheckpointFilePath);

    protected override Task EditAsync(long sequence, Action<AuditRecord> change)
    {
        SegmentTampering.Edit(Options.SegmentDirectory, sequence, change);
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(long sequence)
    {
        Assert.Equal(1, SegmentTampering.Delete(Options.SegmentDirectory, r => r.Id == sequence));
        return Task.CompletedTask;
    }

    protected override string[] VerifyCommand() => ["verify", "--Storage:DataDirectory", _directory];

    /// <summary>The hub's checkpointer over <paramref name="audit"/>, its key and checkpoint file in the same directory.</summary>
    internal static AuditCheckpointer Checkpointer(IAuditStore audit, AuditOptions options, TimeProvider time) =>
        new(audit, AuditSigningKey.LoadOrCreate(options), new AuditCheckpointFile(options.CheckpointFilePath), Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<AuditCheckpointer>.Instance);

    internal static new AuditEntry Entry(int n, string caller = "assistance", string purpose = "targeted-social-assistance", params string[] subjects) =>
        AuditStoreContract.Entry(n, caller, purpose, subjects);

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
    public async Task Find_ChunksRemovedUnderARunningStore_SaysSo()
    {
        using var audit = Open();
        // The views stay behind: their indexer waits on the test's clock, which does not move.
        for (var i = 1; i <= 3; i++) await audit.AppendAsync(Entry(i), TestContext.Current.CancellationToken);
        // What bench/Messaging did: it deleted the hub's data directory before the hub's services were disposed.
        foreach (var chunk in SegmentFiles.Chunks(Options.SegmentDirectory)) File.Delete(chunk);

        var failure = Assert.Throws<InvalidDataException>(() => audit.Find(new AuditFilter(), 1, 10));

        Assert.Contains("removed while the store runs", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_OfTheWholeChainWithTheViewsBehind_LeavesViewsThatAnswer()
    {
        using var audit = Open();
        for (var i = 1; i <= 3; i++) await audit.AppendAsync(Entry(i, subjects: "DDDDDD1"), TestContext.Current.CancellationToken);
        using var checkpoints = Checkpointer(audit, Options, _time);

        var purged = await audit.PurgeOlderThanAsync(_time.GetUtcNow().AddDays(1), checkpoints.SignPurgeAsync, TestContext.Current.CancellationToken);

        Assert.Equal(3, purged);
        Assert.Empty(SegmentFiles.Chunks(Options.SegmentDirectory));
        Assert.Equal(0, audit.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 10).Total);
        Assert.Equal(4, (await audit.AppendAsync(Entry(4, subjects: "DDDDDD1"), TestContext.Current.CancellationToken)).Id);
        Assert.Equal([4L], audit.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 10).Items.Select(r => r.Id));
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
    public async Task Find_ALineEditedInPlaceAfterItWasIndexed_IsReportedNotReturned()
    {
        await AppendIndexedAsync(3, "DDDDDD1");
        // As many bytes as before: every entry still points at its line, and the views are kept at the open.
        SegmentTampering.Edit(Options.SegmentDirectory, 2, r => r.CaseNumber = "CASE-X");

        using var reopened = Open();

        var search = Assert.Throws<AuditRecordAlteredException>(() => reopened.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 10));
        Assert.StartsWith("Audit record 2: its line", search.Message, StringComparison.Ordinal);
        var citizen = Assert.Throws<AuditRecordAlteredException>(() => reopened.ProfilesReturnedAbout("DDDDDD1", 10));
        Assert.StartsWith("Audit record 2:", citizen.Message, StringComparison.Ordinal);
        // What was not changed is still answered.
        Assert.Equal([3L], reopened.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 1).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Find_ALineEditedToAnotherLength_TheViewsAreRebuilt_AndTheEditedRecordIsReported()
    {
        await AppendIndexedAsync(3, "DDDDDD1");
        // Longer: the lines after it moved, so the newest entry no longer points at its record and the views are rebuilt.
        SegmentTampering.Edit(Options.SegmentDirectory, 1, r => r.CaseNumber = "CASE-1-CHANGED");

        using var reopened = Open();

        Assert.Equal([3L, 2L], reopened.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 2).Items.Select(r => r.Id));
        var search = Assert.Throws<AuditRecordAlteredException>(() => reopened.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 10));
        Assert.StartsWith("Audit record 1: its line", search.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ViewsOfAnEarlierVersion_AreDeletedAndRebuilt()
    {
        using (var audit = Open())
        {
            for (var i = 1; i <= 3; i++) await audit.AppendAsync(Entry(i, subjects: "DDDDDD1"), TestContext.Current.CancellationToken);
        }
        var views = Path.Combine(Options.SegmentDirectory, "views.db");
        File.Delete(views);
        // The LiteDB file the views were kept in until 3 Dec 2026.
        using (var earlier = new LiteDB.LiteDatabase(views))
        {
            earlier.GetCollection("records").Insert(new LiteDB.BsonDocument { ["_id"] = 1L, ["Subjects"] = new LiteDB.BsonArray(new LiteDB.BsonValue("DDDDDD1")) });
        }

        using var reopened = Open();

        Assert.Equal([3L, 2L, 1L], reopened.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 10).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Open_EntriesPastTheViewsCount_AreDroppedAndIndexedAgain()
    {
        await AppendIndexedAsync(3, "DDDDDD1");
        // What a crash can leave: the views' count taken back to 1 while entries 2 and 3 stayed (inserts are plain
        // inserts, so they must go before 2 and 3 are indexed again).
        using (var views = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Options.SegmentDirectory, "views.db")};Pooling=false"))
        {
            views.Open();
            using var command = views.CreateCommand();
            command.CommandText = "update state set sequence = 1";
            command.ExecuteNonQuery();
        }

        using var reopened = Open();

        Assert.Equal([3L, 2L, 1L], reopened.Find(new AuditFilter(Subject: "DDDDDD1"), 1, 10).Items.Select(r => r.Id));
        Assert.Equal(3, reopened.Find(new AuditFilter(), 1, 10).Total);
    }

    /// <summary>Appends <paramref name="count"/> records about <paramref name="subject"/>, has the views index them, and closes the store.</summary>
    private async Task AppendIndexedAsync(int count, string subject)
    {
        using var audit = Open();
        for (var i = 1; i <= count; i++) await audit.AppendAsync(Entry(i, subjects: subject), TestContext.Current.CancellationToken);
        Assert.Equal(count, audit.Find(new AuditFilter(Subject: subject), 1, 10).Total);
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
}
