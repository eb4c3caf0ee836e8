using System.Diagnostics;

namespace IntegrationHub.Tests.Shared;

/// <summary>
/// Waits in real time for what a test cannot be told about (a host's background work, a line a logger writes on its own
/// thread): reads again every <c>interval</c> until the condition holds or <c>timeout</c> has elapsed, measured by a
/// stopwatch (a deadline, never the wall clock's date).
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>True once <paramref name="condition"/> holds; false if it still does not after <paramref name="timeout"/>.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, interval);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan, TimeSpan?)"/>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return await ReadUntilAsync(condition, done => done, timeout, interval);
    }

    /// <summary>Reads until <paramref name="done"/> holds for what was read or <paramref name="timeout"/> has elapsed; returns the last read.</summary>
    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > timeout) return value;
            await Task.Delay(interval ?? DefaultInterval, TestContext.Current.CancellationToken);
        }
    }
}
