using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Hub.Engine.Caching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Engine.Caching;

public sealed class AgencyCacheFileTests
{
    [Fact]
    public void Put_ThenReopenedFile_GivesTheAnswerBack()
    {
        using var directory = new ScratchDirectory("cache-file-");
        var options = Options.Create(new CacheOptions { DataDirectory = directory.Path });
        var at = TimeProvider.System.GetUtcNow().AddHours(-1);
        var data = new VehiclesData([], []);
        using (var cache = new AgencyCache(options, TimeProvider.System, NullLogger<AgencyCache>.Instance))
        {
            cache.Put("traffic-police|K", new CachedAnswer<VehiclesData>(at, data));
            cache.Put("traffic-police|N", new CachedAnswer<VehiclesData>(at, null));
        }

        using var reopened = new AgencyCache(options, TimeProvider.System, NullLogger<AgencyCache>.Instance);
        var hit = reopened.Get<VehiclesData>("traffic-police|K");
        Assert.NotNull(hit);
        Assert.Equal(at, hit.FetchedAt);
        Assert.IsType<VehiclesData>(hit.Data);
        Assert.True(reopened.Get<VehiclesData>("traffic-police|N")!.NotFound);
        Assert.Null(reopened.Get<VehiclesData>("traffic-police|other"));
    }

    /// <summary>
    /// The memory front reads the time once a second, and a test clock moved on by a month reads it once, not once per
    /// second of that month (its periodic timer made each such move 2.6 million calls, a minute of the test's time).
    /// </summary>
    [Fact]
    public void TestClockMovedOnByAMonth_TheMemoryFrontReadsTheTimeOnce()
    {
        using var directory = new ScratchDirectory("cache-file-");
        var clock = new CountingClock(TestClock.Start);
        using var cache = new AgencyCache(Options.Create(new CacheOptions { DataDirectory = directory.Path }), clock, NullLogger<AgencyCache>.Instance);
        var before = clock.Reads;

        clock.Advance(TimeSpan.FromDays(30));

        Assert.InRange(clock.Reads - before, 1, 10);
    }

    private sealed class CountingClock(DateTimeOffset start) : Microsoft.Extensions.Time.Testing.FakeTimeProvider(start)
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _reads);
            return base.GetUtcNow();
        }
    }

    /// <summary>
    /// A fresh cache file read by requests while the first answers are written behind them: no read fails (a
    /// failed read would fail the profile) and every answer reaches the file. LiteDB 5.0.21 broke on this when
    /// the collection was created by its first write (about one fresh file in five).
    /// </summary>
    [Fact]
    public async Task FreshFile_ReadWhileTheFirstAnswersAreWritten_EveryAnswerReachesTheFile()
    {
        using var directory = new ScratchDirectory("cache-file-");
        var at = TimeProvider.System.GetUtcNow();
        for (var round = 0; round < 30; round++)
        {
            var options = Options.Create(new CacheOptions { DataDirectory = directory.Path, FileName = $"round-{round}.db" });
            using (var cache = new AgencyCache(options, TimeProvider.System, NullLogger<AgencyCache>.Instance))
            {
                using var stop = new CancellationTokenSource();
                // Keys never put, so every read goes to the file.
                var reader = Task.Run(() =>
                {
                    while (!stop.IsCancellationRequested) cache.Get<VehiclesData>("tax|missing-" + Random.Shared.Next(50));
                }, TestContext.Current.CancellationToken);
                for (var i = 0; i < 40; i++)
                {
                    cache.Put($"traffic-police|{i}", new CachedAnswer<VehiclesData>(at, new VehiclesData([], [])));
                    if (i % 10 == 0) await Task.Delay(1, TestContext.Current.CancellationToken);
                }
                await stop.CancelAsync();
                await reader;
            }

            using var reopened = new AgencyCache(options, TimeProvider.System, NullLogger<AgencyCache>.Instance);
            Assert.All(Enumerable.Range(0, 40), i => Assert.NotNull(reopened.Get<VehiclesData>($"traffic-police|{i}")));
        }
    }
}
