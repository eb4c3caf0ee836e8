using IntegrationHub.Storage;

namespace IntegrationHub.Hub.Tests.Storage;

public sealed class IntervalTimerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ClockMovedOnByAMonth_OneTick_NotOnePerInterval()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        using var timer = new IntervalTimer(Interval, clock);

        clock.Advance(TimeSpan.FromDays(30));

        Assert.True(await Within(timer.WaitForNextTickAsync(Token)));
        var next = timer.WaitForNextTickAsync(Token);
        Assert.False(next.IsCompleted); // a PeriodicTimer would have 86,399 more ticks to give
        clock.Advance(Interval);
        Assert.True(await Within(next));
    }

    [Fact]
    public async Task TickWhileTheLoopIsBusy_IsKept_AndSeveralAreOne()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        using var timer = new IntervalTimer(Interval, clock);
        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        var first = timer.WaitForNextTickAsync(Token);
        Assert.False(first.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Within(first));

        // The loop is busy (not waiting) while three intervals pass, one by one.
        for (var i = 0; i < 3; i++) clock.Advance(Interval);

        Assert.True(await Within(timer.WaitForNextTickAsync(Token)));
        var next = timer.WaitForNextTickAsync(Token);
        Assert.False(next.IsCompleted);
        clock.Advance(Interval);
        Assert.True(await Within(next));
    }

    [Fact]
    public async Task Disposed_NoMoreTicks_AndCancelledWaitThrows()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        var timer = new IntervalTimer(Interval, clock);
        using (var cancelled = new CancellationTokenSource())
        {
            var wait = timer.WaitForNextTickAsync(cancelled.Token);
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(wait));
        }

        timer.Dispose();
        clock.Advance(Interval);

        Assert.False(await Within(timer.WaitForNextTickAsync(Token)));
    }

    /// <summary>The wait's answer, bounded: a wait that never ends fails the test instead of holding it.</summary>
    private static Task<bool> Within(ValueTask<bool> wait) => wait.AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token);
}
