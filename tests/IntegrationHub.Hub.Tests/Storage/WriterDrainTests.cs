using IntegrationHub.Storage;

namespace IntegrationHub.Hub.Tests.Storage;

/// <summary>A store's disposal waits for its writer, but never forever (a stuck writer once held a CI run for 85 minutes).</summary>
public sealed class WriterDrainTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Wait_WriterStuck_GivesUpAfterTheLimitAndLogsAnError()
    {
        using var release = new ManualResetEventSlim();
        var writer = new Thread(() => release.Wait()) { IsBackground = true };
        writer.Start();
        using var log = new LogCapture();

        var finished = WriterDrain.Wait(writer, "a test store", log.CreateLogger("test"), Short);

        Assert.False(finished);
        Assert.Contains(log.Lines, l => l.Contains("a test store", StringComparison.Ordinal) && l.Contains("did not finish", StringComparison.Ordinal));
        release.Set();
        Assert.True(WriterDrain.Wait(writer, "a test store", log.CreateLogger("test"), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Wait_TaskStuck_GivesUpAfterTheLimit_AndAFinishedOneRethrowsItsFailure()
    {
        using var log = new LogCapture();
        var stuck = new TaskCompletionSource();

        Assert.False(WriterDrain.Wait(stuck.Task, "a test store", log.CreateLogger("test"), Short));
        Assert.Single(log.Lines);

        var failed = Task.FromException(new IOException("disk gone"));
        Assert.Throws<IOException>(() => WriterDrain.Wait(failed, "a test store", log.CreateLogger("test"), Short));
        Assert.True(WriterDrain.Wait(Task.CompletedTask, "a test store", log.CreateLogger("test"), Short));
    }
}
