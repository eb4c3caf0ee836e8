namespace IntegrationHub.Assistance.Tests.Infrastructure;

/// <summary>
/// The tests' running clock (from <see cref="Tests.Shared.TestClock.Start"/>, at real speed, so the hub's deadlines and
/// timers run as in production) that a test can move forward at once: a claim expires, an appeal period ends.
/// </summary>
public sealed class JumpingClock : TimeProvider
{
    private readonly long _started = System.GetTimestamp();
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() =>
        IntegrationHub.Tests.Shared.TestClock.Start + System.GetElapsedTime(_started) + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
