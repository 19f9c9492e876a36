using System;

namespace InstagramMessaging.Redis;

/// <summary>
/// Settings of the shared rate budget (<c>services.AddInstagramMessaging(...).UseRedisRateLimiter(...)</c>). The
/// rates themselves are the messenger's (<see cref="InstagramMessengerOptions.TextMessagesPerSecond"/> and
/// <see cref="InstagramMessengerOptions.AudioVideoMessagesPerSecond"/>), shared by every instance.
/// </summary>
public sealed class RedisRateLimiterOptions : RedisConnectionOptions
{
    /// <summary>
    /// The share of each rate that is spent, 0.9 by default (as the in-process limiter). Permits are spaced evenly,
    /// one every 1/(rate x share) seconds, never in bursts; the margin absorbs the jitter between a permit and the
    /// call reaching Meta, which counts every sliding second. A call k that arrives later than call k + rate by
    /// more than (rate x (1/share - 1)) / rate seconds makes one second hold rate + 1 calls: at 0.9 and 100/s a
    /// call may be up to 111 ms late, at 0.99 only 10 ms (measured: at 1.0 the emulator throttles within a second).
    /// </summary>
    public double RateShare { get; set; } = 0.9;

    /// <summary>How long an account is held back, on every instance, after a throttle answer that names no wait. 10 seconds by default.</summary>
    public TimeSpan DefaultThrottlePause { get; set; } = TimeSpan.FromSeconds(10);

    internal override string? FindProblem()
    {
        if (base.FindProblem() is { } problem)
        {
            return problem;
        }

        if (!(RateShare > 0 && RateShare <= 1))
        {
            return "RateShare must be more than 0 and at most 1.";
        }

        return DefaultThrottlePause < TimeSpan.Zero ? "DefaultThrottlePause must not be negative." : null;
    }
}
