using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace InstagramMessaging;

/// <summary>
/// The in-process <see cref="IInstagramRateLimiter"/>: a token bucket per account and traffic class, from
/// System.Threading.RateLimiting, refilled every 100 ms by a <see cref="TimeProvider"/> timer (so tests can drive
/// time), plus a pause per account after Meta throttles it. Thread-safe; share one per process.
/// </summary>
public sealed class InstagramRateLimiter : IInstagramRateLimiter, IDisposable
{
    private static readonly TimeSpan s_refill = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<(string Account, TrafficClass Class), TokenBucketRateLimiter> _buckets = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly int _textPerSecond;
    private readonly int _audioVideoPerSecond;

    /// <summary>Creates a limiter.</summary>
    /// <param name="textPerSecond">Text-class calls per second per account; Meta's conservative figure is 100.</param>
    /// <param name="audioVideoPerSecond">Audio and video calls per second per account; Meta says 10.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    public InstagramRateLimiter(int textPerSecond = Rules.MessageRules.TextCallsPerSecond, int audioVideoPerSecond = Rules.MessageRules.AudioVideoCallsPerSecond, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(textPerSecond, 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(audioVideoPerSecond, 10);
        _textPerSecond = textPerSecond;
        _audioVideoPerSecond = audioVideoPerSecond;
        _time = timeProvider ?? TimeProvider.System;
        _timer = _time.CreateTimer(_ => Refill(), null, s_refill, s_refill);
    }

    /// <summary>How long an account is held back after a throttle answer that names no wait.</summary>
    public TimeSpan DefaultThrottlePause { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async ValueTask AcquireAsync(string account, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (_pausedUntil.TryGetValue(account, out var until) && until - _time.GetUtcNow() is { Ticks: > 0 } pause)
        {
            await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        }

        var bucket = _buckets.GetOrAdd((account, trafficClass), key => Create(key.Class));
        using var lease = await bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The send queue of this account is full ({bucket.GetStatistics()?.CurrentQueuedCount} waiting).");
        }
    }

    /// <inheritdoc />
    public void OnThrottled(string account, TimeSpan? retryAfter)
    {
        var until = _time.GetUtcNow() + (retryAfter ?? DefaultThrottlePause);
        _pausedUntil.AddOrUpdate(account, until, (_, current) => current > until ? current : until);
    }

    /// <summary>Stops the refill timer and the buckets.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    private TokenBucketRateLimiter Create(TrafficClass trafficClass)
    {
        // Tokens per 100 ms; the bucket holds one refill, so no 1-second window ever sees more than the rate.
        var perRefill = (trafficClass == TrafficClass.AudioVideo ? _audioVideoPerSecond : _textPerSecond) / 10;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perRefill,
            TokensPerPeriod = perRefill,
            ReplenishmentPeriod = s_refill,
            AutoReplenishment = false,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    private void Refill()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.TryReplenish();
        }
    }
}
