using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Shared;

/// <summary>Every log line of a host at or above <paramref name="minimum"/>, with its structured values and exception, kept for assertions and failure messages.</summary>
public sealed class LogCapture(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The captured lines, one per line, for a failure message.</summary>
    public override string ToString() => Lines.IsEmpty ? "(nothing logged)" : string.Join(Environment.NewLine, Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogLevel minimum, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            if (minimum <= LogLevel.Debug) lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
