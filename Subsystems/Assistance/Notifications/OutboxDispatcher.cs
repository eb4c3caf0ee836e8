namespace IntegrationHub.Assistance.Notifications;

/// <summary>
/// Sends what the outbox holds. A notice is written in the same commit as the application or decision it
/// announces, so none is lost when the process dies; it is marked sent (durably) right after its sender
/// succeeds, and one dispatcher per store sends, so none goes twice. The one window left (the process dies
/// after the sender succeeded, before the mark is on disk) repeats the notice with the same id: the file
/// senders skip an id they already wrote, e-mail carries the id as its Message-ID.
/// </summary>
public sealed partial class OutboxDispatcher(
    AssistanceStore store,
    IEnumerable<INoticeSender> senders,
    IOptions<AssistanceOptions> options,
    TimeProvider time,
    OutboxWakeup wakeup,
    ILogger<OutboxDispatcher> logger) : DueWorkService<OutboxRecord>(wakeup.Wakeup, time, options.Value.PollInterval, batchSize: 64)
{
    private readonly Dictionary<Applications.ChannelKind, INoticeSender> _senders = senders.GroupBy(s => s.Channel).ToDictionary(g => g.Key, g => g.Last());

    protected override Task<IReadOnlyList<OutboxRecord>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Task.FromResult(store.PendingNotices(now, max));

    protected override DateTimeOffset? NextDue() => store.NextNoticeDue();

    protected override void OnPassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>Sends one notice; a sender's failure marks it to be tried again later (the others go on).</summary>
    public override async Task ProcessAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var retry = options.Value.Notifications.RetryInterval;
        try
        {
            if (!_senders.TryGetValue(record.Channel, out var sender)) throw new InvalidOperationException($"No sender for channel {record.Channel}.");
            await sender.SendAsync(Notice.From(record), cancellationToken);
            await store.MarkSentAsync(record.Id, Time.GetUtcNow(), cancellationToken);
            LogSent(logger, record.Id, record.Channel);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of a sender is a reason to try that notice again later, not to stop the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var backoff = TimeSpan.FromTicks(retry.Ticks * (1L << Math.Min(record.Attempts, 4)));
            LogSendFailed(logger, record.Id, record.Channel, e.GetType().Name, e.Message);
            await store.MarkFailedAsync(record.Id, e.GetType().Name + ": " + e.Message, Time.GetUtcNow() + backoff, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Id} sent by {Channel}")]
    private static partial void LogSent(ILogger logger, string id, Applications.ChannelKind channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Id} by {Channel} failed ({Error}: {Message}); it is tried again later")]
    private static partial void LogSendFailed(ILogger logger, string id, Applications.ChannelKind channel, string error, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the outbox dispatcher failed; it goes on")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
