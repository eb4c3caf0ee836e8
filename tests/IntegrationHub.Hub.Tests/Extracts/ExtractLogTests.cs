using IntegrationHub.Extracts;
using IntegrationHub.Extracts.Storage;
using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.Hub.Tests.Extracts;

/// <summary>The shared extract mechanism over its LiteDB store in a real file: issue, find, verify, and the three views.</summary>
public sealed class ExtractLogTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ScratchDirectory _directory = new("extract-log-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly DurableStore _store;
    private readonly ExtractLog _log;

    public ExtractLogTests()
    {
        _store = new DurableStore(new DurableStoreOptions(_directory.File("module.db")));
        _log = new ExtractLog(new LiteDbExtractStore(_store), _time);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task VerifyAsync_RecordsEachVerification_AndTheViewsShowThemNewestFirst()
    {
        var issued = await _log.IssueAsync("5ABCD7K", "2026-03-02", "5ABCD7K", """{"employed":true}""", Ct);
        _time.Advance(TimeSpan.FromMinutes(5));

        var bank = await _log.VerifyAsync(AuthenticationCode.Format(issued.Code), "bank-of-baku", Ct);
        _time.Advance(TimeSpan.FromMinutes(5));
        var insurer = await _log.VerifyAsync(issued.Code.ToLowerInvariant(), "pasha-insurance", Ct);

        Assert.Equal((VerifyOutcome.Verified, issued), (bank.Outcome, bank.Extract));
        Assert.Equal("""{"employed":true}""", insurer.Extract!.Content);
        Assert.Equal(["pasha-insurance", "bank-of-baku"], _log.WhoVerified("5ABCD7K").Select(v => v.Organisation));
        Assert.Equal(2, Assert.Single(_log.History("5ABCD7K")).Verifications);
        var mine = Assert.Single(_log.VerifiedBy("bank-of-baku"));
        Assert.Equal((issued.Code, "5ABCD7K", "2026-03-02", new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero)), (mine.Code, mine.Fin, mine.Reference, mine.At));
        Assert.Empty(_log.WhoVerified("6ABCD7K"));
    }

    [Theory]
    [InlineData("not a code", VerifyOutcome.InvalidCode)]
    [InlineData("", VerifyOutcome.InvalidCode)]
    [InlineData("22222-22222-22222-22222", VerifyOutcome.UnknownCode)]
    public async Task VerifyAsync_NoSuchCode_RecordsNothing(string code, VerifyOutcome expected)
    {
        await _log.IssueAsync("5ABCD7K", "ref", "5ABCD7K", null, Ct);

        var result = await _log.VerifyAsync(code, "bank-of-baku", Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Empty(_log.VerifiedBy("bank-of-baku"));
    }

    [Fact]
    public async Task FindOwn_AnotherCitizensCode_IsNotFound()
    {
        var issued = await _log.IssueAsync("5ABCD7K", "ref", "5ABCD7K", null, Ct);

        Assert.Equal(issued, _log.FindOwn("5ABCD7K", AuthenticationCode.Format(issued.Code)));
        Assert.Null(_log.FindOwn("6ABCD7K", issued.Code));
        Assert.Null(_log.FindOwn("5ABCD7K", "garbage"));
    }

    [Fact]
    public async Task Issued_IsOnDisk_AndReadBackAfterReopening()
    {
        var issued = await _log.IssueAsync("5ABCD7K", "ref", "5ABCD7K", "{}", Ct);
        await _log.VerifyAsync(issued.Code, "bank-of-baku", Ct);
        _store.Dispose();

        using var reopened = new DurableStore(new DurableStoreOptions(_directory.File("module.db")));
        var log = new ExtractLog(new LiteDbExtractStore(reopened), _time);

        Assert.Equal(issued, log.FindOwn("5ABCD7K", issued.Code));
        Assert.Single(log.WhoVerified("5ABCD7K"));
    }

    /// <summary>A file the disability module wrote before the mechanism was shared names the reference ReferralNumber.</summary>
    [Fact]
    public void Open_FileOfTheDisabilityModuleBeforeTheMove_ReadsTheReferralAsTheReference()
    {
        var path = _directory.File("disability-before.db");
        using (var old = new DurableStore(new DurableStoreOptions(path)))
        {
            old.Database.GetCollection("extracts").Insert(new BsonDocument
            {
                ["_id"] = "ABCDEFGHJKMNPQRSTVWX", ["ReferralNumber"] = "F88-12345678", ["Fin"] = "5ABCD7K",
                ["IssuedAt"] = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), ["IssuedThrough"] = "5ABCD7K",
            });
            old.Database.GetCollection("verifications").Insert(new BsonDocument
            {
                ["_id"] = Guid.NewGuid(), ["Code"] = "ABCDEFGHJKMNPQRSTVWX", ["ReferralNumber"] = "F88-12345678", ["Fin"] = "5ABCD7K",
                ["Organisation"] = "bank-of-baku", ["At"] = new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc),
            });
        }

        using var store = new DurableStore(new DurableStoreOptions(path));
        var log = new ExtractLog(new LiteDbExtractStore(store), _time);

        Assert.Equal("F88-12345678", log.FindOwn("5ABCD7K", "ABCDEFGHJKMNPQRSTVWX")?.Reference);
        Assert.Equal("F88-12345678", Assert.Single(log.WhoVerified("5ABCD7K")).Reference);
    }

    [Fact]
    public void VerificationUrl_IsTheBaseThePathAndThePrintedCode()
    {
        Assert.Equal("https://e-social.gov.az/x/api/v1/employment/verify/ABCDE-FGHJK-MNPQR-STVWX",
            ExtractLog.VerificationUrl("https://e-social.gov.az/x/", "/api/v1/employment/verify", "ABCDEFGHJKMNPQRSTVWX"));
    }

    [Fact]
    public async Task SupersedeAsync_OneReplacement_EveryStandingExtractOfTheReferenceVerifiesAsSupersededByIt()
    {
        var first = await _log.IssueAsync("5ABCD7K", "F88-1", "5ABCD7K", null, Ct);
        var second = await _log.IssueAsync("5ABCD7K", "F88-1", "5ABCD7K", null, Ct);
        var other = await _log.IssueAsync("5ABCD7K", "F88-0", "5ABCD7K", null, Ct);
        var someoneElses = await _log.IssueAsync("6ABCD7K", "F88-1", "6ABCD7K", null, Ct);
        _time.Advance(TimeSpan.FromDays(3));

        var done = await _log.SupersedeAsync("5ABCD7K", "F88-1", "F88-1-AP", "mtsek-0001", null, Ct);

        Assert.NotNull(done);
        Assert.Equal(("F88-1-AP", ExtractStatus.Valid, "mtsek-0001"), (done.Replacement.Reference, done.Replacement.Status, done.Replacement.IssuedThrough));
        Assert.Equal(new[] { first.Code, second.Code }.Order(), done.Superseded.Select(e => e.Code).Order());
        var verified = await _log.VerifyAsync(first.Code, "bank-of-baku", Ct);
        Assert.Equal((ExtractStatus.Superseded, done.Replacement.Code, _time.GetUtcNow()), (verified.Extract!.Status, verified.Extract.SupersededBy, verified.Extract.SupersededAt));
        Assert.Equal(ExtractStatus.Superseded, Assert.Single(_log.VerifiedBy("bank-of-baku")).Status);
        Assert.Equal(ExtractStatus.Valid, (await _log.VerifyAsync(done.Replacement.Code, "bank-of-baku", Ct)).Extract!.Status);
        Assert.Equal(ExtractStatus.Valid, (await _log.VerifyAsync(other.Code, "bank-of-baku", Ct)).Extract!.Status);
        Assert.Equal(ExtractStatus.Valid, (await _log.VerifyAsync(someoneElses.Code, "bank-of-baku", Ct)).Extract!.Status);
        // Again: nothing stands any more, nothing is issued.
        Assert.Null(await _log.SupersedeAsync("5ABCD7K", "F88-1", "F88-1-AP", "mtsek-0001", null, Ct));
        Assert.Equal(4, _log.History("5ABCD7K").Count);
        Assert.Contains("SUPERSEDED", IntegrationHub.Extracts.Pdf.ExtractLayout.SupersededNotice(verified.Extract)!, StringComparison.Ordinal);
        Assert.Null(IntegrationHub.Extracts.Pdf.ExtractLayout.SupersededNotice(done.Replacement));
    }
}
