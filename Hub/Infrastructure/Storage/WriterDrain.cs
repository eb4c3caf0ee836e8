using Microsoft.Extensions.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// How long disposing a store waits for its writer to finish what is queued. A writer stuck on a disk or a database
/// that stopped answering must not hold the host's shutdown (and a test run) forever: past <see cref="Limit"/> the
/// store is left as it is, its files or connections released with the process, and the writes still queued are not
/// acknowledged (their callers were never told they succeeded). Logged as an error.
/// </summary>
public static partial class WriterDrain
{
    /// <summary>The longest a store's disposal waits for its writer.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Waits for the writer thread; false (logged) when it is still running after <paramref name="limit"/> (default <see cref="Limit"/>).</summary>
    public static bool Wait(Thread writer, string store, ILogger logger, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!writer.IsAlive || writer.Join(limit ?? Limit)) return true;
        LogStuck(logger, store, limit ?? Limit);
        return false;
    }

    /// <summary>Waits for the writer task (its failure is rethrown, as awaiting it would); false (logged) when it is still running after <paramref name="limit"/> (default <see cref="Limit"/>).</summary>
    public static bool Wait(Task writer, string store, ILogger logger, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!((IAsyncResult)writer).AsyncWaitHandle.WaitOne(limit ?? Limit))
        {
            LogStuck(logger, store, limit ?? Limit);
            return false;
        }
        writer.GetAwaiter().GetResult();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The writer of {Store} did not finish within {Limit} at disposal; the store is left open and its queued writes are not acknowledged")]
    private static partial void LogStuck(ILogger logger, string store, TimeSpan limit);
}
