using System;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging;

/// <summary>
/// Paces sends per account so Meta never has to throttle them. The default, <see cref="InstagramRateLimiter"/>,
/// works within one process; senders spread over several instances need one that shares each account's budget.
/// </summary>
public interface IInstagramRateLimiter
{
    /// <summary>Waits until <paramref name="account"/> may make one more call of <paramref name="trafficClass"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    ValueTask AcquireAsync(string account, TrafficClass trafficClass, CancellationToken cancellationToken);

    /// <summary>Meta throttled <paramref name="account"/>: hold its calls back for <paramref name="retryAfter"/> (or a default pause).</summary>
    void OnThrottled(string account, TimeSpan? retryAfter);
}
