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
    /// The share of each rate that is spent, 0.99 by default: permits are spaced evenly, one every
    /// 1/(rate x share) seconds (10.1 ms at 100/s), never in bursts, so four instances flat out send 99 calls a second
    /// together. A caller that wakes more than two slots after its own (its process starved of CPU) takes a new slot
    /// rather than go with the next callers, so a stall releases at most two or three calls together: a sliding second
    /// may then hold 101 or 102 calls. That suits a platform that tolerates a few calls of jitter over the rate; against
    /// one that counts every sliding second strictly, take 0.9 (a call may then be up to 111 ms late).
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
