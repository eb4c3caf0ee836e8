using System.Diagnostics;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Hub.Engine.Caching;
using IntegrationHub.Hub.Engine.Caching.Internal;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace IntegrationHub.Bench.Resilience;

/// <summary>
/// Issue 14 item 6: the hub's agency cache (AgencyCache + SingleFlight, as SourceFetcher uses them) against
/// FusionCache 2.9.0 used the only way the hub's clock allows: FusionCache holds the entries (never expiring by its
/// own clock during their useful life) and runs the factory once per key; the hub decides freshness from the
/// entry's FetchedAt on its TimeProvider. Per operation: wall time, process CPU and bytes allocated.
/// Then the one behaviour the hub's tests hold that FusionCache's stampede protection does not give.
/// </summary>
internal static class CacheComparison
{
    private sealed record Answer(string Fin, decimal[] Income, string Employer);

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    public static async Task RunAsync(int hits, int misses)
    {
        var time = TimeProvider.System;
        var query = AgencyQuery.For(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var data = Directory.CreateTempSubdirectory("bench-cache-").FullName;
        try
        {
            Console.WriteLine($"{"cache (per operation)",-52} {"ops",9} {"ns wall",9} {"ns CPU",9} {"bytes",7}");

            // The hub's cache: memory in front of a LiteDB file written behind.
            using (var hub = new AgencyCache(Options.Create(new CacheOptions { DataDirectory = data }), time, NullLogger<AgencyCache>.Instance))
            {
                var flights = new SingleFlight();
                // A miss: the one call single-flight lets through for a key asks the agency and puts its answer.
                Task<CachedAnswer<Answer>> Fetch(string key) => flights.RunAsync(key, async _ =>
                {
                    await Task.Yield();
                    var answer = new CachedAnswer<Answer>(time.GetUtcNow(), NewAnswer(key));
                    hub.Put(key, answer);
                    return answer;
                }, CancellationToken.None);
                var keys = Keys(query, "hub", 10_000);
                foreach (var key in keys) hub.Put(key, new CachedAnswer<Answer>(time.GetUtcNow(), NewAnswer(key)));
                await MeasureAsync("hand-written: hit (Get + freshness on TimeProvider)", hits, i =>
                {
                    var cached = hub.Get<Answer>(keys[i % keys.Length]);
                    return ValueTask.FromResult(cached is not null && cached.AgeAt(time.GetUtcNow()) < Lifetime);
                });
                var missKeys = Keys(query, "hub-miss", misses);
                await MeasureAsync("hand-written: miss (Get, single-flight call, Put)", misses, async i =>
                {
                    var key = missKeys[i];
                    if (hub.Get<Answer>(key) is not null) return false;
                    var answer = await Fetch(key);
                    return answer.Data is not null;
                });
                var sharedKeys = Keys(query, "hub-shared", misses / 16);
                await MeasureAsync("hand-written: 16 callers on one missing key (per caller)", sharedKeys.Length * 16, async i =>
                {
                    var key = sharedKeys[i / 16];
                    var answer = hub.Get<Answer>(key) ?? await Fetch(key);
                    return answer.Data is not null;
                }, parallel: 16);
            }

            // FusionCache: L1 memory and an L2 through IDistributedCache, System.Text.Json for the L2, the L2 written in
            // the background. Twice: over a LiteDB file (what adopting it here means: the same file as the hand-written
            // cache, one upsert per entry as IDistributedCache.Set is called), and over memory (the least an L2 costs).
            await FusionAsync("FusionCache+LiteDB L2", new LiteDbDistributedCache(Path.Combine(data, "fusion.db")), query, time, hits, misses);
            await FusionAsync("FusionCache+memory L2", new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), query, time, hits, misses);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task FusionAsync(string label, IDistributedCache l2, AgencyQuery query, TimeProvider time, int hits, int misses)
    {
        var options = new FusionCacheOptions
        {
            DefaultEntryOptions = new FusionCacheEntryOptions { Duration = TimeSpan.FromDays(8), AllowBackgroundDistributedCacheOperations = true },
        };
        using (l2 as IDisposable)
        {
            using (var fusion = new FusionCache(options))
            {
                fusion.SetupDistributedCache(l2, new FusionCacheSystemTextJsonSerializer());
                var keys = Keys(query, "fusion", 10_000);
                foreach (var key in keys) fusion.Set(key, new CachedAnswer<Answer>(time.GetUtcNow(), NewAnswer(key)));
                await MeasureAsync($"{label}: hit (TryGet + freshness on TimeProvider)", hits, i =>
                {
                    var cached = fusion.TryGet<CachedAnswer<Answer>>(keys[i % keys.Length]);
                    return ValueTask.FromResult(cached.HasValue && cached.Value.AgeAt(time.GetUtcNow()) < Lifetime);
                });
                var missKeys = Keys(query, "fusion-miss", misses);
                await MeasureAsync($"{label}: miss (GetOrSetAsync with a factory)", misses, async i =>
                {
                    var key = missKeys[i];
                    var answer = await fusion.GetOrSetAsync<CachedAnswer<Answer>>(key, async (_, _) =>
                    {
                        await Task.Yield();
                        return new CachedAnswer<Answer>(time.GetUtcNow(), NewAnswer(key));
                    });
                    return answer.Data is not null;
                });
                var sharedKeys = Keys(query, "fusion-shared", misses / 16);
                await MeasureAsync($"{label}: 16 callers on one missing key (per caller)", sharedKeys.Length * 16, async i =>
                {
                    var key = sharedKeys[i / 16];
                    var answer = await fusion.GetOrSetAsync<CachedAnswer<Answer>>(key, async (_, _) =>
                    {
                        await Task.Yield();
                        return new CachedAnswer<Answer>(time.GetUtcNow(), NewAnswer(key));
                    });
                    return answer.Data is not null;
                }, parallel: 16);
                if (l2 is MemoryDistributedCache) await CancellationBehaviourAsync(fusion);
            }
        }
    }

    /// <summary>The smallest IDistributedCache over a LiteDB file (no expiry: the hub purges by age at start).</summary>
    private sealed class LiteDbDistributedCache(string path) : IDistributedCache, IDisposable
    {
        private readonly LiteDB.LiteDatabase _db = new(new LiteDB.ConnectionString { Filename = path, Connection = LiteDB.ConnectionType.Direct });

        private LiteDB.ILiteCollection<LiteDB.BsonDocument> Entries => _db.GetCollection("entries");

        public byte[]? Get(string key) => Entries.FindById(key)?["v"].AsBinary;

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
            Entries.Upsert(new LiteDB.BsonDocument { ["_id"] = key, ["v"] = value });

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Set(key, value, options);
            return Task.CompletedTask;
        }

        public void Refresh(string key)
        {
        }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key) => Entries.Delete(key);

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            Remove(key);
            return Task.CompletedTask;
        }

        public void Dispose() => _db.Dispose();
    }

    /// <summary>SingleFlightTests.RunAsync_OneWaiterGivesUp_CallGoesOnForTheOthers, asked of FusionCache's stampede protection.</summary>
    private static async Task CancellationBehaviourAsync(FusionCache fusion)
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        CancellationToken shared = default;
        using var impatient = new CancellationTokenSource();
        async Task<int> Factory(FusionCacheFactoryExecutionContext<int> _, CancellationToken token)
        {
            Interlocked.Increment(ref calls);
            shared = token;
            return await release.Task.WaitAsync(token);
        }
        var first = fusion.GetOrSetAsync<int>("impatient", Factory, token: impatient.Token).AsTask();
        await Task.Delay(50);
        var second = fusion.GetOrSetAsync<int>("impatient", Factory).AsTask();
        await Task.Delay(50);
        await impatient.CancelAsync();
        try
        {
            await first;
        }
        catch (OperationCanceledException)
        {
        }
        var sharedCancelled = shared.IsCancellationRequested;
        await Task.Delay(50);
        release.SetResult(7);
        var value = await second;
        Console.WriteLine();
        Console.WriteLine("FusionCache, one of two waiters gives up (SingleFlightTests.RunAsync_OneWaiterGivesUp_CallGoesOnForTheOthers):");
        Console.WriteLine($"  the shared call's token cancelled: {sharedCancelled} (the hub's single-flight: False); factory runs: {calls} (the hub's: 1); second caller got {value}");
    }

    private static string[] Keys(AgencyQuery query, string agency, int n) =>
        Enumerable.Range(0, n).Select(i => AgencyCache.Key(agency, $"F{i:D6}", query)).ToArray();

    private static Answer NewAnswer(string key) => new(key, [529m, 529m, 600m, 612.5m], "3500192451");

    private static async Task MeasureAsync(string name, int ops, Func<int, ValueTask<bool>> op, int parallel = 1)
    {
        // The writes of the entries just set (each cache's file or L2, behind the request) finish before anything is measured.
        await Task.Delay(TimeSpan.FromSeconds(3));
        // Warm-up on the first keys, then measure all of them (a hit's keys repeat; a miss's are new each time).
        for (var i = 0; i < Math.Min(ops, 1_000) && parallel == 1 && name.Contains("hit", StringComparison.Ordinal); i++) await op(i);
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var ok = 0;
        if (parallel == 1)
        {
            for (var i = 0; i < ops; i++) if (await op(i)) ok++;
        }
        else
        {
            for (var start = 0; start < ops; start += parallel)
            {
                var results = await Task.WhenAll(Enumerable.Range(start, Math.Min(parallel, ops - start)).Select(i => op(i).AsTask()));
                ok += results.Count(r => r);
            }
        }
        clock.Stop();
        process.Refresh();
        var cpuNs = (process.TotalProcessorTime - cpu).TotalNanoseconds / ops;
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)ops;
        Console.WriteLine($"{name,-52} {ops,9} {clock.Elapsed.TotalNanoseconds / ops,9:F0} {cpuNs,9:F0} {allocated,7:F0}{(ok == ops ? "" : $"  ({ops - ok} not served)")}");
    }
}
