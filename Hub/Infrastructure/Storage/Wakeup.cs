namespace IntegrationHub.Storage;

/// <summary>
/// Wakes a background loop whose work list is a store (new work stored) early, without losing a signal that came
/// while it was busy; otherwise the loop waits its poll interval on its own clock.
/// </summary>
public sealed class Wakeup
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _signal.Writer.TryWrite(true);

    /// <summary>Returns when signalled or after <paramref name="timeout"/> on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, cts.Token);
        var signalled = _signal.Reader.WaitToReadAsync(cts.Token).AsTask();
        await Task.WhenAny(delay, signalled);
        await cts.CancelAsync();
        _signal.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
