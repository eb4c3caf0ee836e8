using LiteDB;

namespace IntegrationHub.Statistics.Storage;

/// <summary>The counts in <c>statistics.db</c> under the data directory (the embedded default), one document per instance, series, key, channel and month.</summary>
public sealed class LiteDbUsageStore : IUsageStore, IDisposable
{
    public const string FileName = "statistics.db";

    private const string Collection = "usage";

    private readonly DurableStore store;

    public LiteDbUsageStore(string path, ILogger? logger = null)
    {
        store = new DurableStore(new DurableStoreOptions(path), logger);
        // The index creates the collection at open (never lazily on a first write while a report reads it).
        var tallies = store.Database.GetCollection<Tally>(Collection);
        tallies.EnsureIndex(t => t.Month);
        tallies.EnsureIndex(t => t.Instance);
    }

    public void Dispose() => store.Dispose();

    public Task AddAsync(string instance, IReadOnlyCollection<UsageCount> increments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentNullException.ThrowIfNull(increments);
        if (increments.Count == 0) return Task.CompletedTask;
        return store.WriteAsync(db =>
        {
            var tallies = db.GetCollection<Tally>(Collection);
            foreach (var increment in increments)
            {
                var id = string.Join('|', instance, increment.Series, increment.Key, increment.Channel, increment.Month);
                var tally = tallies.FindById(id) ?? new Tally
                {
                    Id = id, Instance = instance, Series = increment.Series, Key = increment.Key, Channel = increment.Channel, Month = increment.Month,
                };
                tally.Count += increment.Count;
                tallies.Upsert(tally);
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<UsageCount>> ReadAsync(string series, StatisticsMonth from, StatisticsMonth to, CancellationToken cancellationToken)
    {
        var rows = store.Database.GetCollection<Tally>(Collection)
            .Find(Query.And(Query.Between(nameof(Tally.Month), from.ToString(), to.ToString()), Query.EQ(nameof(Tally.Series), series)));
        IReadOnlyList<UsageCount> sums = rows
            .GroupBy(t => (t.Key, t.Channel, t.Month))
            .Select(g => new UsageCount(series, g.Key.Key, g.Key.Channel, g.Key.Month, g.Sum(t => t.Count)))
            .ToList();
        return Task.FromResult(sums);
    }

    public Task<bool> HoldsAnyAsync(string instance, CancellationToken cancellationToken) =>
        Task.FromResult(store.Database.GetCollection<Tally>(Collection).Exists(Query.EQ(nameof(Tally.Instance), instance)));

    private sealed class Tally
    {
        public string Id { get; set; } = "";
        public string Instance { get; set; } = "";
        public string Series { get; set; } = "";
        public string Key { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Month { get; set; } = "";
        public long Count { get; set; }
    }
}
