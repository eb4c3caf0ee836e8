using IntegrationHub.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Disability.Tests.Lookup;

/// <summary>The lookup's limits and records on a fake clock, over a real store file.</summary>
public sealed class LastExamLookupTests : IDisposable
{
    private const string Card = "AA7000001";
    private static readonly DateOnly Birth = new(1980, 5, 17);

    private readonly ScratchDirectory _directory = new("lookup-tests-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly List<LiteDbDisabilityStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        _directory.Dispose();
    }

    private LiteDbDisabilityStore OpenStore()
    {
        var store = new LiteDbDisabilityStore(new DurableStore(new DurableStoreOptions(_directory.File("disability.db"))));
        _stores.Add(store);
        return store;
    }

    private LastExamLookup Lookup(IDisabilityStore store, int maxTrackedKeys = 200_000, TimeSpan? retention = null) =>
        new(store, Options.Create(new DisabilityOptions
        {
            Lookup = new LookupOptions
            {
                // Every lookup from its own address would do the same; one address with room isolates the card's limit.
                PerClientLimit = 100_000,
                PerIdLimit = 5,
                PerIdWindow = TimeSpan.FromHours(1),
                MinimumDuration = TimeSpan.Zero,
                MaxTrackedKeys = maxTrackedKeys,
                Retention = retention ?? TimeSpan.FromDays(90),
            },
        }), _time);

    private async Task<LookupOutcome> FindAsync(LastExamLookup lookup, string card, string client = "10.0.0.1")
    {
        var answer = await lookup.FindAsync(card, Birth.ToString("yyyy-MM-dd"), client, LastExamLookup.WebChannel, Ct);
        _time.Advance(TimeSpan.FromSeconds(1));
        return answer.Outcome;
    }

    private async Task LockAsync(LastExamLookup lookup)
    {
        for (var i = 0; i < 5; i++) Assert.Equal(LookupOutcome.NoMatch, await FindAsync(lookup, Card));
        Assert.Equal(LookupOutcome.Limited, await FindAsync(lookup, Card));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(200_000)]
    public async Task FindAsync_LookupsOfManyOtherCards_DoNotResetALockedCard(int maxTrackedKeys)
    {
        var lookup = Lookup(OpenStore(), maxTrackedKeys);
        await LockAsync(lookup);

        for (var i = 0; i < 150; i++) await FindAsync(lookup, "AA" + (8_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "10.0." + (i % 200) + ".9");

        Assert.True(lookup.CardsInMemory <= maxTrackedKeys);
        Assert.Equal(LookupOutcome.Limited, await FindAsync(lookup, Card));
    }

    [Fact]
    public async Task FindAsync_ALockedCard_StaysLockedAcrossARestart_UntilItsWindowPasses()
    {
        var store = OpenStore();
        await LockAsync(Lookup(store));

        var restarted = Lookup(store);

        Assert.Equal(LookupOutcome.Limited, await FindAsync(restarted, Card));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(LookupOutcome.NoMatch, await FindAsync(restarted, Card));
    }

    [Fact]
    public async Task FindAsync_Refusals_AreCountedInMemory_NotEachWritten_UntilFlushed()
    {
        var store = OpenStore();
        var lookup = Lookup(store);
        await LockAsync(lookup);
        var writesBefore = store.Durable.Counters.Records;

        for (var i = 0; i < 50; i++) Assert.Equal(LookupOutcome.Limited, await FindAsync(lookup, Card, "10.6.6.6"));

        Assert.Equal(writesBefore, store.Durable.Counters.Records);
        Assert.Equal(5, store.Lookups(DateTimeOffset.MinValue).Count);
        // The refusal of LockAsync and the 50 here.
        Assert.Equal(51, await lookup.FlushRefusalsAsync(Ct));
        var counted = store.Refusals(DateTimeOffset.MinValue).ToDictionary(r => r.Client, r => (r.Limit, r.Count));
        Assert.Equal(("card", 50L), counted["10.6.6.6"]);
        Assert.Equal(("card", 1L), counted["10.0.0.1"]);
        Assert.Equal(0, await lookup.FlushRefusalsAsync(Ct));
    }

    [Fact]
    public async Task PurgeAsync_RemovesLookupAndRefusalRecordsOlderThanTheRetention()
    {
        var store = OpenStore();
        var lookup = Lookup(store, retention: TimeSpan.FromHours(2));
        await LockAsync(lookup);
        await lookup.FlushRefusalsAsync(Ct);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(LookupOutcome.NoMatch, await FindAsync(lookup, "AA7000002"));

        _time.Advance(TimeSpan.FromHours(1.5));
        var purged = await lookup.PurgeAsync(Ct);

        Assert.Equal(6, purged);
        Assert.Equal(["AA7000002"], store.Lookups(DateTimeOffset.MinValue).Select(l => l.IdCardNumber));
        Assert.Empty(store.Refusals(DateTimeOffset.MinValue));
    }
}
