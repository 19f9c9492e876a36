using System;
using System.Collections.Concurrent;

namespace InstagramMessaging.Transport;

// The limiter a messenger uses when it is given none. Without a TimeProvider, every such messenger in the process
// with the same rates shares one limiter, so several instances for one account (typed clients are transient)
// spend one budget instead of one each. With a TimeProvider (a test's clock) each messenger gets its own limiter
// on that clock. Dependency injection always passes its one registered IInstagramRateLimiter, so this fallback
// serves only messengers built by hand.
internal static class DefaultRateLimiters
{
    private static readonly ConcurrentDictionary<(int Text, int AudioVideo), InstagramRateLimiter> s_shared = new();

    public static IInstagramRateLimiter For(InstagramMessengerOptions options, TimeProvider? timeProvider)
        => timeProvider is null
            ? s_shared.GetOrAdd((options.TextMessagesPerSecond, options.AudioVideoMessagesPerSecond), static r => new InstagramRateLimiter(r.Text, r.AudioVideo))
            : new InstagramRateLimiter(options.TextMessagesPerSecond, options.AudioVideoMessagesPerSecond, timeProvider);
}
