namespace IntegrationHub.Hub.Engine.Caching.Internal;

/// <summary>
/// Concurrent callers with the same key share one call. The shared call is cancelled only when every
/// caller waiting for it has given up (each caller's own deadline still holds for that caller), so a
/// caller with a short deadline cannot cut the call short for one with a longer deadline.
/// </summary>
public sealed class SingleFlight
{
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Calls in flight now (for tests and the state endpoint).</summary>
    public int InFlight
    {
        get
        {
            lock (_lock) return _flights.Count;
        }
    }

    /// <summary>Runs <paramref name="call"/> for <paramref name="key"/>, or joins the run already in flight.</summary>
    public async Task<T> RunAsync<T>(string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        cancellationToken.ThrowIfCancellationRequested();
        Flight flight;
        lock (_lock)
        {
            if (!_flights.TryGetValue(key, out flight!) || flight.Abandoned)
            {
                flight = new Flight();
                _flights[key] = flight;
                flight.Task = Start(key, flight, call);
            }
            flight.Waiters++;
        }
        var waiter = new Waiter(this, flight);
        await using var registration = cancellationToken.Register(static w => ((Waiter)w!).Leave(cancel: true), waiter);
        try
        {
            return await ((Task<T>)flight.Task).WaitAsync(cancellationToken);
        }
        finally
        {
            waiter.Leave(cancel: cancellationToken.IsCancellationRequested);
        }
    }

    private async Task<T> Start<T>(string key, Flight flight, Func<CancellationToken, Task<T>> call)
    {
        try
        {
            // Yield first: the caller must register as a waiter (under the lock) before the call runs.
            await Task.Yield();
            return await call(flight.Cancellation.Token);
        }
        finally
        {
            lock (_lock)
            {
                if (_flights.TryGetValue(key, out var current) && current == flight) _flights.Remove(key);
            }
            flight.Cancellation.Dispose();
        }
    }

    private void Leave(Flight flight, bool cancel)
    {
        bool abandon;
        lock (_lock)
        {
            flight.Waiters--;
            abandon = cancel && flight.Waiters == 0 && !flight.Task.IsCompleted;
            if (abandon) flight.Abandoned = true;
        }
        if (abandon)
        {
            try
            {
                flight.Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The call ended between the check and the cancel: nothing left to stop.
            }
        }
    }

    /// <summary>One caller's membership of a flight: leaves exactly once, by cancellation or by completion.</summary>
    private sealed class Waiter(SingleFlight owner, Flight flight)
    {
        private int _left;

        public void Leave(bool cancel)
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) owner.Leave(flight, cancel);
        }
    }

    private sealed class Flight
    {
        public CancellationTokenSource Cancellation { get; } = new();
        public Task Task { get; set; } = Task.CompletedTask;
        public int Waiters { get; set; }
        public bool Abandoned { get; set; }
    }
}
