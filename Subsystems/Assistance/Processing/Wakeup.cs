using System.Threading.Channels;

namespace IntegrationHub.Assistance.Processing;

/// <summary>Wakes a background loop early (new work stored) without losing a signal that came while it was busy.</summary>
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

/// <summary>The case worker's wake-up (a new application).</summary>
public sealed class CaseWakeup
{
    public Wakeup Wakeup { get; } = new();
}

/// <summary>The outbox dispatcher's wake-up (a new notice).</summary>
public sealed class OutboxWakeup
{
    public Wakeup Wakeup { get; } = new();
}
