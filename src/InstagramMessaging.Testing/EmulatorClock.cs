using System;
using System.Threading;

namespace InstagramMessaging.Testing;

/// <summary>
/// A clock that runs with real time but can be moved forward, so a running emulator (and its conversation page) can
/// jump past the 24-hour messaging window. Give it to <see cref="GraphApiEmulator"/>; timers still run in real time.
/// Thread-safe.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private long _offsetTicks;

    /// <summary>Creates a clock that starts at <paramref name="inner"/>'s time (the system clock by default).</summary>
    /// <param name="inner">The clock to run with.</param>
    public EmulatorClock(TimeProvider? inner = null) => _inner = inner ?? System;

    /// <summary>How far this clock has been moved ahead of the one it runs with.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far; not negative (time does not go back for Meta either).</param>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + Offset;

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc/>
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => _inner.CreateTimer(callback, state, dueTime, period);
}
