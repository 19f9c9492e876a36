using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Tests;

// Grants every token at once and writes what it was asked into a shared event list.
internal sealed class RecordingRateLimiter(ConcurrentQueue<string> events) : IInstagramRateLimiter
{
    public ValueTask AcquireAsync(string account, TrafficClass trafficClass, CancellationToken cancellationToken)
    {
        events.Enqueue("acquire:" + trafficClass);
        return ValueTask.CompletedTask;
    }

    public void OnThrottled(string account, TimeSpan? retryAfter) => events.Enqueue("throttled");
}
