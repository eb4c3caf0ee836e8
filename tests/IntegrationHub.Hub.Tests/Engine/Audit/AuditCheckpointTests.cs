using System.Security.Cryptography;
using IntegrationHub.Hub.Commands;
using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Engine.Audit.Segments;
using IntegrationHub.Hub.Tests.Engine.Audit.Segments;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Engine.Audit;

/// <summary>
/// Signed checkpoints of the audit chain, over real files: the log and the checkpoint file in a directory of their
/// own, edited as an intruder would while the hub is stopped, then verified by the command and the API.
/// </summary>
public sealed class AuditCheckpointTests : IDisposable
{
    private readonly ScratchDirectory _directory = new("audit-checkpoints-");

    // The tests' day; the command is given this clock too.
    private readonly FakeTimeProvider _time = TestClock.Fake();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AuditOptions Options => new() { DataDirectory = _directory.Path, CheckpointInterval = TimeSpan.FromSeconds(5) };

    public void Dispose()
    {
        _directory.Dispose();
    }

    private (int ExitCode, string Output) Command()
    {
        var output = new StringWriter();
        var exit = AuditCommand.Run(["verify", "--Storage:DataDirectory", _directory.Path], output, _time);
        return (exit, output.ToString());
    }

    private Dictionary<string, string?> HubSettings(string interval) => new()
    {
        ["Storage:DataDirectory"] = _directory.Path,
        ["Audit:CheckpointInterval"] = interval,
    };

    private static async Task PostProfilesAsync(HubFactory hub, int count, string prefix)
    {
        var samples = hub.Country.Population.Samples();
        for (var i = 0; i < count; i++)
        {
            (await hub.PostProfileAsync(samples[i % samples.Count].Fin, caseNumber: $"{prefix}-{i}")).EnsureSuccessStatusCode();
        }
    }

    private AuditVerification VerifyWith(AuditCheckpointer checkpoints, IAuditStore audit) =>
        AuditVerifier.Verify(audit, checkpoints.File, checkpoints.Key, Options.Retention, _time.GetUtcNow());

    [Fact]
    public async Task NewestFiveRecordsDeleted_CommandAndApiFail_NamingTheMissingRange()
    {
        // An hour between checkpoints: only the one at start and the one at shutdown are written.
        await using (var hub = new HubFactory(HubSettings("01:00:00"), households: 40))
        {
            await PostProfilesAsync(hub, 8, "VEM");
        }
        var (exit, output) = Command();
        Assert.True(exit == 0, output);
        Assert.Contains("Last checkpoint: record 8,", output, StringComparison.Ordinal);

        Assert.Equal(5, SegmentTampering.Delete(Options.SegmentDirectory, r => r.Id > 3));

        (exit, output) = Command();
        Assert.Equal(1, exit);
        Assert.Contains("Records 4-8 are missing", output, StringComparison.Ordinal);
        await using (var hub = new HubFactory(HubSettings("01:00:00"), households: 40))
        {
            // Started again over the cut log (and signing its head at start): the older checkpoint still tells.
            var verification = await hub.CreateClient("auditor").GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify", HubFactory.Json, Token);
            Assert.False(verification!.Intact);
            Assert.Equal(4, verification.FirstBroken);
            Assert.Contains("Records 4-8 are missing", verification.Message, StringComparison.Ordinal);

            // Grown again to past the cut, the records that were deleted do not come back: the hash differs.
            await PostProfilesAsync(hub, 6, "AFTER");
            verification = await hub.CreateClient("auditor").GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify", HubFactory.Json, Token);
            Assert.False(verification!.Intact);
            Assert.Contains("Record 8 does not match the checkpoint", verification.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OldestHundredDeletedAndAnAnchorWrittenAsAPurgeWould_Fails(bool backdated)
    {
        using (var audit = new AuditSegmentStore(Microsoft.Extensions.Options.Options.Create(Options), _time))
        using (var checkpoints = AuditSegmentStoreTests.Checkpointer(audit, Options, _time))
        {
            await checkpoints.StartAsync(Token);
            for (var i = 1; i <= 120; i++)
            {
                await audit.AppendAsync(AuditSegmentStoreTests.Entry(i), Token);
                _time.Advance(TimeSpan.FromSeconds(1));
            }
            await checkpoints.StopAsync(Token);
            Assert.True(VerifyWith(checkpoints, audit).Intact);
        }

        {
            var hundredth = SegmentTampering.Records(Options.SegmentDirectory).Single(r => r.Id == 100);
            // What a retention purge writes: the last removed record's sequence, hash and time.
            SegmentFiles.WriteAnchor(Options.SegmentDirectory, new ChainAnchor(hundredth.Id, hundredth.Hash, backdated ? hundredth.Time.AddYears(-6) : hundredth.Time));
            Assert.Equal(100, SegmentTampering.Delete(Options.SegmentDirectory, r => r.Id <= 100));
        }

        using (var audit = new AuditSegmentStore(Microsoft.Extensions.Options.Options.Create(Options), _time))
        using (var checkpoints = AuditSegmentStoreTests.Checkpointer(audit, Options, _time))
        {
            Assert.True(audit.Verify().Intact); // the chain alone cannot tell
            var verification = VerifyWith(checkpoints, audit);
            Assert.False(verification.Intact);
            Assert.Contains(verification.Problems!, p => p.StartsWith("The anchor (records up to 100 removed", StringComparison.Ordinal) && p.Contains("was not signed by a retention purge", StringComparison.Ordinal));
            Assert.Equal(!backdated, verification.Problems!.Any(p => p.Contains("younger than Audit:Retention", StringComparison.Ordinal)));
        }
        var (exit, output) = Command();
        Assert.Equal(1, exit);
        Assert.Contains("Anchor: records up to 100 purged", output, StringComparison.Ordinal);
        Assert.Contains("was not signed by a retention purge", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpointer_WhileRecordsAreAppended_SignsTheHeadEveryInterval_AndNotWhenIdle()
    {
        using var audit = new AuditSegmentStore(Microsoft.Extensions.Options.Options.Create(Options), _time);
        using var checkpoints = AuditSegmentStoreTests.Checkpointer(audit, Options, _time);
        await checkpoints.StartAsync(Token);
        Assert.Equal(0, checkpoints.Last?.Sequence);

        for (var i = 1; i <= 3; i++) await audit.AppendAsync(AuditSegmentStoreTests.Entry(i), Token);
        _time.Advance(Options.CheckpointInterval);
        Assert.True(await Poll.UntilAsync(() => checkpoints.Last?.Sequence == 3, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)), $"no checkpoint at record 3 within 5 s (last: {checkpoints.Last?.Sequence})");
        var written = checkpoints.File.ReadAll().Checkpoints.Count;
        _time.Advance(Options.CheckpointInterval);
        _time.Advance(Options.CheckpointInterval);
        await audit.AppendAsync(AuditSegmentStoreTests.Entry(4), Token);
        _time.Advance(Options.CheckpointInterval);
        Assert.True(await Poll.UntilAsync(() => checkpoints.Last?.Sequence == 4, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)), $"no checkpoint at record 4 within 5 s (last: {checkpoints.Last?.Sequence})");

        Assert.Equal(written + 1, checkpoints.File.ReadAll().Checkpoints.Count); // the idle intervals signed nothing
        await checkpoints.StopAsync(Token);
        Assert.True(VerifyWith(checkpoints, audit).Intact);
    }

    [Fact]
    public async Task CheckpointAltered_FailsNamingIt()
    {
        using var audit = new AuditSegmentStore(Microsoft.Extensions.Options.Options.Create(Options), _time);
        using var checkpoints = AuditSegmentStoreTests.Checkpointer(audit, Options, _time);
        for (var i = 1; i <= 3; i++) await audit.AppendAsync(AuditSegmentStoreTests.Entry(i), Token);
        await checkpoints.CheckpointAsync(force: true, Token);
        Assert.True(VerifyWith(checkpoints, audit).Intact);

        // Moved back to record 2, as someone covering the deletion of record 3 would need.
        var text = await File.ReadAllTextAsync(checkpoints.File.Path, Token);
        var record2 = audit.HashAt(2)!;
        await File.WriteAllTextAsync(checkpoints.File.Path, text.Replace("\"sequence\":3", "\"sequence\":2", StringComparison.Ordinal).Replace(audit.HashAt(3)!, record2, StringComparison.Ordinal), Token);

        var verification = VerifyWith(checkpoints, audit);
        Assert.False(verification.Intact);
        Assert.Contains("Checkpoint 1 (head at record 2", verification.Message, StringComparison.Ordinal);
        Assert.Contains("its signature does not verify", verification.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointFileDeleted_Fails()
    {
        await using (var hub = new HubFactory(HubSettings("01:00:00"), households: 40))
        {
            await PostProfilesAsync(hub, 2, "VEM");
        }
        File.Delete(_directory.File("audit-checkpoints.jsonl"));

        var (exit, output) = Command();

        Assert.Equal(1, exit);
        Assert.Contains("No signed checkpoint of the chain", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_PublishesItsCheckpoints_AnAuditorChecksThemWithThePublishedKey_AndARestartKeepsVerifying()
    {
        long sequence;
        await using (var hub = new HubFactory(HubSettings("00:00:00.200"), households: 40))
        {
            // The harness stops looking once the bus has been quiet for its inactivity timeout (a second or two by
            // default, counted from its start): on a loaded machine the host's start and the first profile take longer,
            // and it then answered "not published" at once. Reading the list stops at the first match (First, not Last:
            // enumerating to the end waits out the timeout).
            var factory = hub.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
                s.AddMassTransitTestHarness(x => x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(30)))));
            var harness = factory.Services.GetTestHarness();
            await harness.Start();
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
            var applicant = hub.Country.Population.Samples()[0].Fin;
            (await client.PostAsJsonAsync("/api/v1/profiles", new { applicant, purpose = "targeted-social-assistance", caseNumber = "VEM-1" }, Token)).EnsureSuccessStatusCode();

            Assert.True(await harness.Published.Any<AuditCheckpointSigned>(x => x.Context.Message.Sequence >= 1, Token), "no checkpoint of record 1 was published");
            var published = harness.Published.Select<AuditCheckpointSigned>(Token).First(x => x.Context.Message.Sequence >= 1).Context.Message;
            Assert.DoesNotContain(applicant, System.Text.Json.JsonSerializer.Serialize(published), StringComparison.Ordinal);

            var auditor = factory.CreateClient();
            auditor.DefaultRequestHeaders.Add("X-Api-Key", "dev-auditor-key");
            var served = (await auditor.GetFromJsonAsync<AuditCheckpoints>("/api/v1/audit/checkpoints", HubFactory.Json, Token))!;
            // The auditor's own check: the published key, the published fields, the documented bytes.
            using var key = ECDsa.Create();
            key.ImportFromPem(served.PublicKey);
            var fromBus = new AuditCheckpoint(published.Kind, published.Segment, published.Instance, published.Sequence, published.Hash, published.RecordTime, published.Time, published.KeyId, published.Signature);
            Assert.Equal(served.KeyId, published.KeyId);
            Assert.True(key.VerifyData(fromBus.Canonical(), Convert.FromBase64String(published.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            Assert.Contains(served.Checkpoints, c => c.Sequence == published.Sequence && c.Hash == published.Hash);
            sequence = published.Sequence;
        }

        await using (var hub = new HubFactory(HubSettings("00:00:00.200"), households: 40))
        {
            var auditor = hub.CreateClient("auditor");
            var verification = await auditor.GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify", HubFactory.Json, Token);
            Assert.True(verification!.Intact, verification.Message);
            await PostProfilesAsync(hub, 2, "AGAIN");
            verification = await auditor.GetFromJsonAsync<AuditVerification>("/api/v1/audit/verify", HubFactory.Json, Token);
            Assert.True(verification!.Intact, verification.Message);
            Assert.True(verification.LastCheckpoint!.Sequence >= sequence);
        }
        var (exit, output) = Command();
        Assert.True(exit == 0, output);
        Assert.Contains("Last checkpoint: record 3,", output, StringComparison.Ordinal);
        Assert.Contains("Anchor: none", output, StringComparison.Ordinal);
    }
}
