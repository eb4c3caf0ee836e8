using IntegrationHub.Employment.Registry;

namespace IntegrationHub.Employment.Tests.Registry;

/// <summary>
/// The registry's sequences and events are written once per commit group, not once per write: a write that fails in
/// a group neither takes a number nor leaves an event, numbers go on without a gap or a repeat, across a reopen too.
/// </summary>
public sealed class RegistryGroupCommitTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "employment-groups-" + Guid.NewGuid().ToString("N"), "employment.db");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    [Fact]
    public async Task FailedWritesInAGroup_TakeNoNumberAndLeaveNoEvent_NumbersGoOnAfterReopen()
    {
        var token = TestContext.Current.CancellationToken;
        const int Writes = 200;
        var answered = new List<long>();
        using (var store = new LiteDbEmploymentStore(_path))
        {
            // All at once, so that failing and good writes share commit groups.
            var writes = Enumerable.Range(0, Writes).Select(i => Task.Run(() => store.TransactAsync(tx =>
            {
                var number = tx.Next("S");
                tx.Publish(new ContractEvent("AAAAAAA", Registrar.ContractStarted, new DateOnly(2026, 1, 1)));
                return i % 10 == 3 ? throw new InvalidOperationException("refused after taking a number") : number;
            }, token), token)).ToList();
            foreach (var write in writes)
            {
                try { answered.Add(await write); }
                catch (InvalidOperationException) { }
            }
            Assert.True(store.Counters.Groups < Writes, "the writes were not grouped: the test shows nothing");
            Assert.Equal(Writes - Writes / 10, store.UnpublishedEvents(int.MaxValue).Sum(p => p.Events.Count));
        }
        Assert.Equal(Enumerable.Range(1, Writes - Writes / 10).Select(n => (long)n), answered.Order());

        using var reopened = new LiteDbEmploymentStore(_path);
        Assert.Equal(Writes - Writes / 10 + 1, await reopened.TransactAsync(tx => tx.Next("S"), token));
    }
}
