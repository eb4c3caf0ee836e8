using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Storage;

/// <summary>
/// A background loop whose work list is a store. A pass takes up to <c>batchSize</c> items that are due
/// (<see cref="DueAsync"/>) and processes them (<see cref="ProcessBatchAsync"/>: at most <c>parallelism</c> at once). After a pass that found nothing the loop
/// waits until the next item falls due (<see cref="NextDue"/>), the poll interval passes or <c>wakeup</c> is signalled,
/// whichever comes first. A failed pass (disk full, a bug on one item) is reported through <see cref="OnPassFailed"/>
/// and the loop goes on after the poll interval: it must outlive one bad pass.
/// </summary>
public abstract class DueWorkService<T>(Wakeup wakeup, TimeProvider time, TimeSpan pollInterval, int batchSize, int parallelism = 1) : BackgroundService
{
    /// <summary>The clock the loop waits on; the worker's own reads of the time go through it too.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>Up to <paramref name="max"/> items due at <paramref name="now"/> (a shared store may take them for this instance).</summary>
    protected abstract Task<IReadOnlyList<T>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>When the next item falls due; null when none waits.</summary>
    protected abstract DateTimeOffset? NextDue();

    /// <summary>One attempt on one item.</summary>
    public abstract Task ProcessAsync(T item, CancellationToken cancellationToken);

    /// <summary>Logs a pass that failed (the loop goes on).</summary>
    protected abstract void OnPassFailed(Exception exception);

    /// <summary>Processes the items due now (one batch); returns how many were attempted.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken) =>
        await ProcessBatchAsync(await DueAsync(Time.GetUtcNow(), batchSize, cancellationToken), cancellationToken);

    /// <summary>Processes one batch of due items, all of them by default; returns how many were attempted.</summary>
    protected virtual async Task<int> ProcessBatchAsync(IReadOnlyList<T> due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (parallelism <= 1)
        {
            foreach (var item in due) await ProcessAsync(item, cancellationToken);
        }
        else
        {
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (item, ct) => await ProcessAsync(item, ct));
        }
        return due.Count;
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ProcessDueAsync(stoppingToken) > 0) continue;
                var next = NextDue();
                var wait = next is null ? pollInterval : next.Value - Time.GetUtcNow();
                if (wait > pollInterval) wait = pollInterval;
                if (wait > TimeSpan.Zero) await wakeup.WaitAsync(wait, Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive one bad pass; it reports it and goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                OnPassFailed(e);
                await wakeup.WaitAsync(pollInterval, Time, stoppingToken);
            }
        }
    }
}
