using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Storage;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Statistics;

public sealed class UsageCounterTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly StatisticsMonth March = new(2026, 3);

    private readonly ScratchDirectory _directory = new("statistics-");
    private readonly List<IDisposable> _owned = [];

    // Mid-March on Baku time, a fixed date: no test depends on when it runs.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        _directory.Dispose();
    }

    private LiteDbUsageStore Store(string name = "statistics.db")
    {
        var store = new LiteDbUsageStore(_directory.File(name));
        _owned.Add(store);
        return store;
    }

    private UsageCounter Counter(IUsageStore store, string instance = "a", TimeProvider? time = null)
    {
        var counter = new UsageCounter(store, Options.Create(new StatisticsOptions { Instance = instance }), time ?? _time);
        _owned.Add(counter);
        return counter;
    }

    private static long Sum(IEnumerable<UsageCount> counts, string key, string? channel = null, string? month = null) =>
        counts.Where(c => c.Key == key && (channel is null || c.Channel == channel) && (month is null || c.Month == month)).Sum(c => c.Count);

    [Fact]
    public void Count_KeyNotInTheCatalog_Throws()
    {
        var counter = Counter(Store());

        Assert.Throws<ArgumentException>(() => counter.Count("assistance-aplication", EServiceChannel.Portal));
    }

    [Fact]
    public async Task ReadAsync_BeforeAnyFlush_HasTheCountsByChannel_AndTheStoreNone()
    {
        var store = Store();
        var counter = Counter(store);

        for (var i = 0; i < 3; i++) counter.Count(EServiceKeys.LastExamLookup, EServiceChannel.Portal);
        counter.Count(EServiceKeys.LastExamLookup, EServiceChannel.CallCentre);
        ((IProfileCounter)counter).Count("targeted-social-assistance");

        var counts = await counter.ReadAsync(UsageSeries.EServices, March, March, Ct);
        Assert.Equal(3, Sum(counts, EServiceKeys.LastExamLookup, "portal", "2026-03"));
        Assert.Equal(1, Sum(counts, EServiceKeys.LastExamLookup, "call-centre", "2026-03"));
        Assert.Equal(1, Sum(await counter.ReadAsync(UsageSeries.Profiles, March, March, Ct), "targeted-social-assistance"));
        Assert.Empty(await store.ReadAsync(UsageSeries.EServices, March, March, Ct));
    }

    [Fact]
    public async Task FlushAsync_MovesTheCountsToTheStore_AndReadCountsThemOnce()
    {
        var store = Store();
        var counter = Counter(store);
        for (var i = 0; i < 5; i++) counter.Count(EServiceKeys.DisabilityExamExtract, EServiceChannel.Portal);

        await counter.FlushAsync(Ct);
        counter.Count(EServiceKeys.DisabilityExamExtract, EServiceChannel.Portal);
        await counter.FlushAsync(Ct);
        await counter.FlushAsync(Ct);

        Assert.Equal(6, Sum(await store.ReadAsync(UsageSeries.EServices, March, March, Ct), EServiceKeys.DisabilityExamExtract));
        Assert.Equal(6, Sum(await counter.ReadAsync(UsageSeries.EServices, March, March, Ct), EServiceKeys.DisabilityExamExtract));
    }

    /// <summary>The month is Baku's (UTC+4 by default): 21:00 UTC on the last day of February is already March there.</summary>
    [Fact]
    public async Task Count_LateOnTheLastDayInUtc_FallsInTheNextMonthOnBakuTime()
    {
        var counter = Counter(Store(), time: new FakeTimeProvider(new DateTimeOffset(2026, 2, 28, 21, 0, 0, TimeSpan.Zero)));

        counter.Count(EServiceKeys.ExtractVerification, EServiceChannel.Api);

        var counts = await counter.ReadAsync(UsageSeries.EServices, new StatisticsMonth(2026, 2), March, Ct);
        Assert.Equal("2026-03", Assert.Single(counts).Month);
    }

    /// <summary>
    /// Two instances over one store (as several hub instances share PostgreSQL), counting and flushing at the same
    /// time from many threads: each adds to its own tallies, and the sum read back is every use, none lost.
    /// </summary>
    [Fact]
    public async Task FlushAsync_TwoInstancesCountingAndFlushingAtOnce_LoseNoUse()
    {
        var store = Store();
        var counters = new[] { Counter(store, "a"), Counter(store, "b") };
        const int PerThread = 2000;

        var workers = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var counter = counters[t % 2];
            for (var i = 0; i < PerThread; i++)
            {
                counter.Count(EServiceKeys.ContractNotification, i % 2 == 0 ? EServiceChannel.Api : EServiceChannel.Portal);
                if (i % 250 == 0) await counter.FlushAsync(Ct);
            }
        }, Ct)).ToList();
        await Task.WhenAll(workers);
        foreach (var counter in counters) await counter.FlushAsync(Ct);

        var stored = await store.ReadAsync(UsageSeries.EServices, March, March, Ct);
        Assert.Equal(8 * PerThread, Sum(stored, EServiceKeys.ContractNotification));
        Assert.Equal(4 * PerThread, Sum(stored, EServiceKeys.ContractNotification, "api"));
        Assert.Equal(8 * PerThread, Sum(await counters[0].ReadAsync(UsageSeries.EServices, March, March, Ct), EServiceKeys.ContractNotification));
    }

    [Fact]
    public async Task FlushAsync_StoreFails_KeepsTheCountsForTheNextFlush()
    {
        var store = new FailingStore(Store());
        var counter = Counter(store);
        counter.Count(EServiceKeys.AssistanceApplication, EServiceChannel.PostOffice);
        store.Fail = true;

        await Assert.ThrowsAsync<IOException>(() => counter.FlushAsync(Ct));
        counter.Count(EServiceKeys.AssistanceApplication, EServiceChannel.PostOffice);
        Assert.Equal(2, Sum(await counter.ReadAsync(UsageSeries.EServices, March, March, Ct), EServiceKeys.AssistanceApplication));
        store.Fail = false;
        await counter.FlushAsync(Ct);

        Assert.Equal(2, Sum(await store.Inner.ReadAsync(UsageSeries.EServices, March, March, Ct), EServiceKeys.AssistanceApplication, "post-office"));
    }

    [Fact]
    public async Task Store_ReopenedAfterAFlush_KeepsTheTallies_AndKnowsWhichInstanceHoldsAny()
    {
        var store = new LiteDbUsageStore(_directory.File("reopened.db"));
        using (var counter = new UsageCounter(store, Options.Create(new StatisticsOptions { Instance = "first" }), _time))
        {
            counter.Count(EServiceKeys.WorkplaceCertificate, EServiceChannel.Portal);
            await counter.FlushAsync(Ct);
        }
        store.Dispose();

        var reopened = Store("reopened.db");

        Assert.Equal(1, Sum(await reopened.ReadAsync(UsageSeries.EServices, March, March, Ct), EServiceKeys.WorkplaceCertificate, "portal"));
        Assert.True(await reopened.HoldsAnyAsync("first", Ct));
        Assert.False(await reopened.HoldsAnyAsync("second", Ct));
    }

    /// <summary>The real store, failing its writes on demand (a full disk).</summary>
    private sealed class FailingStore(IUsageStore inner) : IUsageStore
    {
        public IUsageStore Inner => inner;

        public bool Fail { get; set; }

        public Task AddAsync(string instance, IReadOnlyCollection<UsageCount> increments, CancellationToken cancellationToken) =>
            Fail ? Task.FromException(new IOException("disk full")) : inner.AddAsync(instance, increments, cancellationToken);

        public Task<IReadOnlyList<UsageCount>> ReadAsync(string series, StatisticsMonth from, StatisticsMonth to, CancellationToken cancellationToken) =>
            inner.ReadAsync(series, from, to, cancellationToken);

        public Task<bool> HoldsAnyAsync(string instance, CancellationToken cancellationToken) => inner.HoldsAnyAsync(instance, cancellationToken);
    }
}
