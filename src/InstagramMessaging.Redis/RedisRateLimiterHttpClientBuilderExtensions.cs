using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InstagramMessaging.Redis;

/// <summary>Shares each account's rate budget across instances through Redis.</summary>
public static class RedisRateLimiterHttpClientBuilderExtensions
{
    /// <summary>
    /// Replaces the in-process rate limiter of <c>services.AddInstagramMessaging(...)</c> with one shared through
    /// Redis: every instance that uses the same Redis and <see cref="RedisConnectionOptions.KeyPrefix"/> draws from
    /// one budget per account, at the messenger's configured rates. When Redis cannot be reached, sends fail at once
    /// with <see cref="RedisRateLimiterUnavailableException"/> (nothing is sent unpaced). Options are validated when
    /// the host starts.
    /// </summary>
    /// <param name="builder">The builder <c>AddInstagramMessaging</c> returned.</param>
    /// <param name="configure">Sets the Redis configuration string and, if needed, the key prefix and timeouts.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder UseRedisRateLimiter(this IHttpClientBuilder builder, Action<RedisRateLimiterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisRateLimiterOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisRateLimiterOptions>, RedisOptionsValidator<RedisRateLimiterOptions>>());
        services.RemoveAll<IInstagramRateLimiter>();
        services.AddSingleton<IInstagramRateLimiter>(static provider =>
        {
            var messenger = provider.GetRequiredService<IOptions<InstagramMessengerOptions>>().Value;
            return new RedisRateLimiter(
                provider.GetRequiredService<IOptions<RedisRateLimiterOptions>>().Value,
                messenger.TextMessagesPerSecond,
                messenger.AudioVideoMessagesPerSecond,
                provider.GetService<TimeProvider>());
        });
        return builder;
    }
}
