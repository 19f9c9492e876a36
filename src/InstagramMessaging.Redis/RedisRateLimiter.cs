using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace InstagramMessaging.Redis;

// The shared rate budget: GCRA (generic cell rate algorithm) per account and traffic class, one Lua script per permit
// on Redis's clock. The script reserves the next free slot and answers how long until it; the caller waits here,
// honouring cancellation (a cancelled wait leaves its slot unused: the budget errs on the slow side). A throttle
// answer sets a pause key that every instance's script respects. Scripts are plain strings with explicit keys and
// values: no parameter binding by reflection, so NativeAOT-clean.
internal sealed class RedisRateLimiter : IInstagramRateLimiter, IDisposable
{
    // KEYS[1] the theoretical arrival time (µs, Redis clock), KEYS[2] the account's pause; ARGV[1] the interval (µs).
    // Returns the wait in µs before the reserved slot and Redis's time (µs) when the script ran.
    private const string AcquireScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        local at = now
        if tat > at then at = tat end
        local paused = redis.call('PTTL', KEYS[2])
        if paused > 0 and now + paused * 1000 > at then at = now + paused * 1000 end
        local nexttat = at + interval
        redis.call('SET', KEYS[1], string.format('%.0f', nexttat), 'PX', math.floor((nexttat - now) / 1000) + 1000)
        return {math.floor(at - now), now}
        """;

    // KEYS[1] the account's pause; ARGV[1] its length in ms. Only ever lengthens a pause.
    private const string PauseScript = """
        local ms = tonumber(ARGV[1])
        if redis.call('PTTL', KEYS[1]) < ms then redis.call('SET', KEYS[1], '1', 'PX', ms) end
        return 0
        """;

    private const int MaxSlotAttempts = 20;

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly RedisValue _textInterval;
    private readonly RedisValue _audioVideoInterval;
    private readonly TimeSpan _defaultPause;
    private readonly TimeSpan _lateTolerance;
    private readonly RedisClockOffset _clock = new();

    public RedisRateLimiter(RedisRateLimiterOptions options, int textPerSecond, int audioVideoPerSecond, TimeProvider? time = null)
    {
        if (options.FindProblem() is { } problem)
        {
            throw new InvalidOperationException("RedisRateLimiterOptions: " + problem);
        }

        _connection = RedisConnections.Open(options);
        _database = _connection.GetDatabase();
        _time = time ?? TimeProvider.System;
        _prefix = options.KeyPrefix + ":rate:";
        _textInterval = IntervalMicroseconds(textPerSecond, options.RateShare);
        _audioVideoInterval = IntervalMicroseconds(audioVideoPerSecond, options.RateShare);
        _defaultPause = options.DefaultThrottlePause;

        // How late a caller may go on its slot: three quarters of the jitter the share leaves room for (1/share - 1
        // seconds: 83 ms at 0.9), and at least two slots of the text class (20 ms at 100/s and 0.99), so a stalled
        // process releases at most two or three calls together; later than that it takes a new slot.
        var margin = (1 / options.RateShare - 1) * 0.75;
        var twoSlots = 2 / (textPerSecond * options.RateShare);
        _lateTolerance = TimeSpan.FromSeconds(Math.Clamp(Math.Max(margin, twoSlots), 0.002, 0.1));
    }

    public async ValueTask AcquireAsync(string account, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var audioVideo = trafficClass == TrafficClass.AudioVideo;
        RedisKey[] keys = [_prefix + account + (audioVideo ? ":av" : ":text"), PauseKey(account)];
        RedisValue[] values = [audioVideo ? _audioVideoInterval : _textInterval];
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var asked = RedisClockOffset.Now(_time);
            RedisResult[] answer;
            try
            {
                answer = (RedisResult[])(await _database.ScriptEvaluateAsync(AcquireScript, keys, values).ConfigureAwait(false))!;
            }
            catch (Exception e) when (RedisConnections.IsUnavailable(e))
            {
                RedisTelemetry.LimiterUnavailable.Add(1);
                throw new RedisRateLimiterUnavailableException("The shared rate budget in Redis could not be reached, so the call was not made (sends fail closed until Redis answers).", e);
            }

            // The slot, on this process's clock: counted from when the script ran (a script that queued behind a
            // busy Redis reserved its slot from then), not from when it was sent.
            var slot = _clock.RanAt(asked, (long)answer[1]) + (long)answer[0];
            var remaining = slot - RedisClockOffset.Now(_time);
            if (remaining > 0)
            {
                await Task.Delay(TimeSpan.FromTicks(remaining * 10), _time, cancellationToken).ConfigureAwait(false);
            }

            // A caller that wakes (or hears back) well after its slot, because the process was starved of CPU or
            // threads, would go together with the callers of the slots after it: a burst. It takes a new slot
            // instead (the missed one goes unused), unless it has already tried many times.
            var late = TimeSpan.FromTicks((RedisClockOffset.Now(_time) - slot) * 10);
            if (late <= _lateTolerance || attempt >= MaxSlotAttempts)
            {
                return;
            }

            RedisTelemetry.LimiterLateSlots.Add(1);
        }
    }

    public void OnThrottled(string account, TimeSpan? retryAfter)
    {
        var pause = retryAfter ?? _defaultPause;
        pause = pause < TimeSpan.Zero ? TimeSpan.Zero : pause > InstagramRateLimiter.MaxThrottlePause ? InstagramRateLimiter.MaxThrottlePause : pause;
        if (pause <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            _database.ScriptEvaluate(
                PauseScript,
                [PauseKey(account)],
                [(long)Math.Ceiling(pause.TotalMilliseconds)],
                CommandFlags.FireAndForget);
        }
        catch (Exception e) when (RedisConnections.IsUnavailable(e))
        {
            // Nothing to pause against: sends fail closed while Redis is unreachable anyway.
            RedisTelemetry.LimiterUnavailable.Add(1);
        }
    }

    public void Dispose() => _connection.Dispose();

    private RedisKey PauseKey(string account) => _prefix + account + ":pause";

    private static RedisValue IntervalMicroseconds(int perSecond, double share)
        => Math.Ceiling(1_000_000 / (perSecond * share)).ToString(CultureInfo.InvariantCulture);
}
