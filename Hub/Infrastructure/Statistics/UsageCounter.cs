using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace IntegrationHub.Statistics;

/// <summary>
/// The one counter of the process (<see cref="IEServiceCounter"/>, <see cref="IProfileCounter"/>, <see cref="IOutcomeCounter"/>): a use is an
/// interlocked increment of a tally in memory; <see cref="FlushAsync"/> moves what accumulated to the store in one
/// durable write; <see cref="ReadAsync"/> answers the store's sums plus what this instance has not flushed yet, so
/// a report is exact for this instance at any moment and for the others as of their last flush.
/// </summary>
/// <remarks>
/// Disposing it flushes what is left (the container disposes it after every hosted service has stopped and before the
/// store it writes to, which it depends on): a count made while the host stopped, after
/// <see cref="UsageFlushService"/>'s last flush, is not lost with the process.
/// </remarks>
public sealed partial class UsageCounter(IUsageStore store, IOptions<StatisticsOptions> options, TimeProvider time, ILogger<UsageCounter>? logger = null)
    : IEServiceCounter, IProfileCounter, IOutcomeCounter, IAsyncDisposable, IDisposable
{
    private readonly StatisticsOptions settings = options.Value;

    // One box per series, key, channel and month, never removed: a count racing a removal would be lost, and the
    // boxes are few (e-services × channels × months this process has been up for).
    private readonly ConcurrentDictionary<UsageSlot, StrongBox<long>> tallies = new();

    // Held by a flush while its counts are neither in memory nor yet in the store, and by a read, which must not see them in neither place nor in both.
    // Never disposed: a flush may still be finishing when the host disposes the counter (it holds no handle unless one is asked for).
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Flushes what is left; a store that fails, or does not answer within <see cref="IntegrationHub.Storage.WriterDrain.Limit"/>, loses those counts, logged.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            // Bounded (WriterDrain.Limit): a store that stopped answering must not hold the host's disposal forever.
            await FlushAsync(CancellationToken.None).WaitAsync(IntegrationHub.Storage.WriterDrain.Limit);
        }
#pragma warning disable CA1031 // The last flush at disposal: nothing can retry it, so it is logged, never thrown out of the host's disposal.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (logger is not null) LogLastFlushFailed(logger, e);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public void Count(string eService, EServiceChannel channel)
    {
        if (EServiceCatalog.Find(eService) is null)
        {
            throw new ArgumentException($"'{eService}' is not an e-service of the catalog (EServiceCatalog).", nameof(eService));
        }
        Add(new UsageSlot(UsageSeries.EServices, eService, channel.Name(), Now()));
    }

    void IProfileCounter.Count(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        Add(new UsageSlot(UsageSeries.Profiles, purpose, "", Now()));
    }

    void IOutcomeCounter.Count(string process, string outcome)
    {
        if (!OutcomeKeys.IsKey(process)) throw new ArgumentException($"'{process}' is not a process key (a-z, 0-9, '-').", nameof(process));
        if (!OutcomeKeys.IsKey(outcome)) throw new ArgumentException($"'{outcome}' is not an outcome key (a-z, 0-9, '-').", nameof(outcome));
        Add(new UsageSlot(UsageSeries.Outcomes, process, outcome, Now()));
    }

    private string Now() => StatisticsMonth.Of(time.GetUtcNow(), settings.UtcOffset).ToString();

    private void Add(UsageSlot slot) => Interlocked.Increment(ref tallies.GetOrAdd(slot, _ => new StrongBox<long>()).Value);

    /// <summary>Writes what accumulated since the last flush; on failure the counts stay in memory for the next one.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var taken = new List<(StrongBox<long> Box, UsageCount Count)>();
            foreach (var (slot, box) in tallies)
            {
                var n = Interlocked.Exchange(ref box.Value, 0);
                if (n != 0) taken.Add((box, new UsageCount(slot.Series, slot.Key, slot.Channel, slot.Month, n)));
            }
            if (taken.Count == 0) return;
            try
            {
                // Not cancellable: a write given up on may still commit, and putting its counts back would count them twice.
                await store.AddAsync(settings.Instance, taken.Select(t => t.Count).ToList(), CancellationToken.None);
            }
            catch
            {
                foreach (var (box, count) in taken) Interlocked.Add(ref box.Value, count.Count);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The counts of <paramref name="series"/> from <paramref name="from"/> to <paramref name="to"/>: every instance's flushed ones and this instance's not yet flushed.</summary>
    public async Task<IReadOnlyList<UsageCount>> ReadAsync(string series, StatisticsMonth from, StatisticsMonth to, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var stored = await store.ReadAsync(series, from, to, cancellationToken);
            string first = from.ToString(), last = to.ToString();
            var pending = tallies
                .Where(t => t.Key.Series == series && string.CompareOrdinal(t.Key.Month, first) >= 0 && string.CompareOrdinal(t.Key.Month, last) <= 0)
                .Select(t => new UsageCount(series, t.Key.Key, t.Key.Channel, t.Key.Month, Interlocked.Read(ref t.Value.Value)))
                .Where(c => c.Count != 0);
            return stored.Concat(pending)
                .GroupBy(c => (c.Key, c.Channel, c.Month))
                .Select(g => new UsageCount(series, g.Key.Key, g.Key.Channel, g.Key.Month, g.Sum(c => c.Count)))
                .ToList();
        }
        finally
        {
            gate.Release();
        }
    }

    private readonly record struct UsageSlot(string Series, string Key, string Channel, string Month);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last e-service counts could not be written to the statistics store when the host stopped; they are lost")]
    private static partial void LogLastFlushFailed(ILogger logger, Exception exception);
}
