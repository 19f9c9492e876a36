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
    // Returns the wait in µs before the reserved slot.
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
        return math.floor(at - now)
        """;

    // KEYS[1] the account's pause; ARGV[1] its length in ms. Only ever lengthens a pause.
    private const string PauseScript = """
        local ms = tonumber(ARGV[1])
        if redis.call('PTTL', KEYS[1]) < ms then redis.call('SET', KEYS[1], '1', 'PX', ms) end
        return 0
        """;

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly RedisValue _textInterval;
    private readonly RedisValue _audioVideoInterval;
    private readonly TimeSpan _defaultPause;

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
    }

    public async ValueTask AcquireAsync(string account, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        cancellationToken.ThrowIfCancellationRequested();
        var audioVideo = trafficClass == TrafficClass.AudioVideo;
        long waitMicroseconds;
        try
        {
            var result = await _database.ScriptEvaluateAsync(
                AcquireScript,
                [_prefix + account + (audioVideo ? ":av" : ":text"), PauseKey(account)],
                [audioVideo ? _audioVideoInterval : _textInterval]).ConfigureAwait(false);
            waitMicroseconds = (long)result;
        }
        catch (Exception e) when (RedisConnections.IsUnavailable(e))
        {
            RedisTelemetry.LimiterUnavailable.Add(1);
            throw new RedisRateLimiterUnavailableException("The shared rate budget in Redis could not be reached, so the call was not made (sends fail closed until Redis answers).", e);
        }

        if (waitMicroseconds > 0)
        {
            await Task.Delay(TimeSpan.FromTicks(waitMicroseconds * 10), _time, cancellationToken).ConfigureAwait(false);
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
