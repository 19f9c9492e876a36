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
    /// The share of each rate that is spent, 0.99 by default. Permits are spaced evenly (one every 1/(rate x share)
    /// seconds, never in bursts), so the margin only has to absorb the jitter between a permit and the call reaching
    /// Meta: at 0.99 and 100 calls/s, a call may arrive up to 10 ms late without making any one-second window hold
    /// more than 100. (The in-process limiter spends 0.9 because it releases calls in groups every 100 ms.)
    /// </summary>
    public double RateShare { get; set; } = 0.99;

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
