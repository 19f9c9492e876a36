using System;

namespace InstagramMessaging.Redis;

// Where a script ran, on this process's clock. A script runs after it was sent and before its answer arrives, so
// each call bounds the offset between Redis's clock and ours: offset <= redisNow - sentAt. With the smallest bound
// seen lately, RanAt answers a time no later than the script really ran (early by at most the quickest one-way trip
// seen, a fraction of a millisecond on a LAN) and never before it was sent. So a caller can tell a slot it is late
// for because this process stalled (after the script ran) from a script that only ran late because Redis was busy
// or the request queued (its slot is counted from when it ran). Bounds older than two epochs are forgotten, so
// clock drift or a step is followed (a step forward is trusted only an epoch later: until then slots look later
// than they are, by the step).
internal sealed class RedisClockOffset(long epochMicroseconds = 10_000_000)
{
    private readonly object _gate = new();
    private long _current = long.MaxValue;
    private long _previous = long.MaxValue;
    private long _epochEnds = long.MinValue;

    // This process's monotonic clock in µs.
    public static long Now(TimeProvider time) => (long)(time.GetTimestamp() * (1_000_000.0 / time.TimestampFrequency));

    // Records a call sent at sentAt (local µs) that ran at redisNow (Redis µs); answers the local time (µs) at which
    // the script ran at the earliest: never before sentAt.
    public long RanAt(long sentAt, long redisNow)
    {
        var bound = redisNow - sentAt;
        long offset;
        lock (_gate)
        {
            if (sentAt >= _epochEnds)
            {
                _previous = _current;
                _current = long.MaxValue;
                _epochEnds = sentAt + epochMicroseconds;
            }

            _current = Math.Min(_current, bound);
            offset = Math.Min(_current, _previous);
        }

        return redisNow - offset;
    }
}
