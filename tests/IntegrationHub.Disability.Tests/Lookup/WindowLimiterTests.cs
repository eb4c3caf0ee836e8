namespace IntegrationHub.Disability.Tests.Lookup;

public sealed class WindowLimiterTests
{
    [Fact]
    public void TryAcquire_OverTheLimit_RefusesUntilTheWindowEnds()
    {
        var time = new FakeTimeProvider();
        var limiter = new WindowLimiter(3, TimeSpan.FromMinutes(10), 1000, time);

        Assert.True(limiter.TryAcquire("a", out _));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAcquire("a", out _));
        Assert.True(limiter.TryAcquire("a", out _));
        Assert.False(limiter.TryAcquire("a", out var wait));
        Assert.Equal(TimeSpan.FromMinutes(9), wait);
        Assert.True(limiter.TryAcquire("b", out _));

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(limiter.TryAcquire("a", out _));
    }

    [Fact]
    public void TryAcquire_AFloodOfKeys_StaysBoundedAndKeepsLimitingLiveKeys()
    {
        var time = new FakeTimeProvider();
        var limiter = new WindowLimiter(1, TimeSpan.FromMinutes(10), 100, time);
        Assert.True(limiter.TryAcquire("victim", out _));
        time.Advance(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 50; i++) limiter.TryAcquire("k" + i, out _);

        Assert.False(limiter.TryAcquire("victim", out _));
    }
}
