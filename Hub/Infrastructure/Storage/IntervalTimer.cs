namespace IntegrationHub.Storage;

/// <summary>
/// The tick of a background loop that runs every interval (a flush, a checkpoint, a retry round), as
/// <see cref="PeriodicTimer"/> gives it, except that a clock moved on by many intervals at once gives one tick, not one
/// per interval passed over: a test clock moved on by a month made a 30-second retry round run 86,400 times inside the
/// test's move, a minute or two of its time. As with <see cref="PeriodicTimer"/>, a tick that comes while the loop is busy
/// is kept (one), so a loop never misses that its interval has passed.
/// </summary>
public sealed class IntervalTimer : IDisposable
{
    private readonly Channel<bool> _ticks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ITimer _timer;

    public IntervalTimer(TimeSpan interval, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        // One shot at a time, set again from its own callback: after a jump of the clock it is due once.
        _timer = time.CreateTimer(_ =>
        {
            _ticks.Writer.TryWrite(true);
            Again(interval);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Again(interval);
    }

    /// <summary>True at the next tick (at once for one that came while the loop was busy); false once disposed.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled first.</exception>
    public async ValueTask<bool> WaitForNextTickAsync(CancellationToken cancellationToken = default)
    {
        while (await _ticks.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_ticks.Reader.TryRead(out _)) return true;
        }
        return false;
    }

    public void Dispose()
    {
        _timer.Dispose();
        _ticks.Writer.TryComplete();
    }

    private void Again(TimeSpan interval)
    {
        try
        {
            _timer.Change(interval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while its callback ran: no more ticks.
        }
    }
}
