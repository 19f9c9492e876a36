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
/// <remarks>
/// It spends 90% of each rate: a call released at a refill reaches Meta a little later, and spending the whole
/// rate would let any such delay push a second over the limit. At 90%, arrival jitter of up to one refill period
/// (100 ms) keeps every second within the rate.
/// </remarks>
public sealed class InstagramRateLimiter : IInstagramRateLimiter, IDisposable
{
    private static readonly TimeSpan s_refill = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<(string Account, TrafficClass Class), Bucket> _buckets = new();
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

    /// <summary>
    /// The longest an account is held back after one throttle answer (1 hour): a longer wait named by the server
    /// is cut to this, so a broken or hostile header cannot stop an account for days.
    /// </summary>
    public static TimeSpan MaxThrottlePause { get; } = TimeSpan.FromHours(1);

    /// <summary>How long an account is held back after a throttle answer that names no wait.</summary>
    public TimeSpan DefaultThrottlePause { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public ValueTask AcquireAsync(string account, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!_pausedUntil.IsEmpty && _pausedUntil.TryGetValue(account, out var until) && until - _time.GetUtcNow() is { Ticks: > 0 } pause)
        {
            return PausedThenAcquireAsync(pause, account, trafficClass, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        // The usual case, a token at hand, completes here: no state machine, no lease kept.
        var bucket = LimiterFor(account, trafficClass);
        using (var lease = bucket.AttemptAcquire(1))
        {
            if (lease.IsAcquired)
            {
                return default;
            }
        }

        return QueuedAcquireAsync(bucket, cancellationToken);
    }

    /// <inheritdoc />
    public void OnThrottled(string account, TimeSpan? retryAfter)
    {
        var pause = retryAfter ?? DefaultThrottlePause;
        pause = pause < TimeSpan.Zero ? TimeSpan.Zero : pause > MaxThrottlePause ? MaxThrottlePause : pause;
        var until = _time.GetUtcNow() + pause;
        _pausedUntil.AddOrUpdate(account, until, (_, current) => current > until ? current : until);
    }

    /// <summary>Stops the refill timer and the buckets.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        foreach (var bucket in _buckets.Values)
        {
            bucket.Limiter.Dispose();
        }
    }

    private TokenBucketRateLimiter LimiterFor(string account, TrafficClass trafficClass)
        => _buckets.GetOrAdd((account, trafficClass), static (key, self) => self.Create(key.Class), this).Limiter;

    private async ValueTask PausedThenAcquireAsync(TimeSpan pause, string account, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        await QueuedAcquireAsync(LimiterFor(account, trafficClass), cancellationToken).ConfigureAwait(false);
    }

    // Waits in the bucket's queue (oldest first) for a token.
    private static async ValueTask QueuedAcquireAsync(TokenBucketRateLimiter bucket, CancellationToken cancellationToken)
    {
        using var lease = await bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The send queue of this account is full ({bucket.GetStatistics()?.CurrentQueuedCount} waiting).");
        }
    }

    private Bucket Create(TrafficClass trafficClass)
    {
        // 90% of the rate, in hundredths of a call per 100 ms refill: 100/s gives 9 calls every refill, 10/s one
        // call on 9 refills out of 10. The bucket holds one refill, so nothing saves up into a burst.
        var perRefill = (trafficClass == TrafficClass.AudioVideo ? _audioVideoPerSecond : _textPerSecond) * 9;
        var tokens = Math.Max(1, perRefill / 100);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = s_refill,
            AutoReplenishment = false,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        return new Bucket(limiter, perRefill, tokens * 100);
    }

    private void Refill()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Refill();
        }
    }

    // A token bucket and the share of a refill it has earned so far (in hundredths of a call).
    private sealed class Bucket(TokenBucketRateLimiter limiter, int earnedPerRefill, int refill)
    {
        private readonly object _gate = new();
        private int _earned;

        public TokenBucketRateLimiter Limiter => limiter;

        public void Refill()
        {
            lock (_gate)
            {
                _earned = Math.Min(_earned + earnedPerRefill, 2 * refill);
                if (_earned < refill)
                {
                    return;
                }

                _earned -= refill;
            }

            limiter.TryReplenish();
        }
    }
}
