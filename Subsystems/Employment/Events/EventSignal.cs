namespace IntegrationHub.Employment.Events;

/// <summary>Wakes the <see cref="EventDispatcher"/> after a write queued events, so they leave at once rather than at the next interval.</summary>
public sealed class EventSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Raise()
    {
        // At most one wake-up waits: several writes in a row need one pass.
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
