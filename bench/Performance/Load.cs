/// <summary>Closed-loop load: <c>concurrency</c> workers, each starting its next operation when the last ends.</summary>
internal static class Load
{
    public sealed record Result(int Count, int Errors, double Seconds, double[] SortedMs)
    {
        public double PerSecond => Count / Seconds;

        public double Percentile(double p) => SortedMs.Length == 0 ? double.NaN : SortedMs[Math.Min(SortedMs.Length - 1, (int)(SortedMs.Length * p))];
    }

    /// <summary>Runs <paramref name="operation"/> (given a running index; false = error) for <paramref name="duration"/>, or <paramref name="count"/> times when given.</summary>
    public static async Task<Result> RunAsync(int concurrency, TimeSpan duration, Func<int, Task<bool>> operation, int? count = null)
    {
        var latencies = new List<double>[concurrency];
        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            await Task.Yield();
            var mine = latencies[w] = [];
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (count is { } n ? i >= n : clock.Elapsed >= duration) break;
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(i);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    ok = false;
                }
                if (ok) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Result(all.Length, errors, seconds, all);
    }
}
