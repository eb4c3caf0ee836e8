using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Shared;

/// <summary>
/// The tests' "today", the same on every run: dates a test asserts on never depend on the day it runs (a month's or a
/// year's end changes the agencies' windows, the need criterion, the working-day clock). A Tuesday in a month without
/// public holidays (the 15-working-day clock from it meets none), early enough that hours can pass without midnight.
/// </summary>
public static class TestClock
{
    /// <summary>08:00 UTC on the tests' day.</summary>
    public static readonly DateTimeOffset Start = new(2026, 10, 13, 8, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Start.UtcDateTime);

    /// <summary>A fake clock at <paramref name="hour"/>:00 UTC on the tests' day, for tests in which time is logic (it moves only when told).</summary>
    public static FakeTimeProvider Fake(int hour = 8) => new(new DateTimeOffset(Today.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero));

    /// <summary>
    /// A clock that starts at <see cref="Start"/> and runs at real speed, for a whole host under test: its deadlines,
    /// timers and polls run as they do in production, and every date it computes is the tests' day.
    /// </summary>
    public static TimeProvider Running() => new RunningClock(Start);

    private sealed class RunningClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
    }
}
