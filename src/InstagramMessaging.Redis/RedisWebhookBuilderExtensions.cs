using System;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InstagramMessaging.Redis;

/// <summary>Shares the webhook dedupe record and queue across instances through Redis.</summary>
public static class RedisWebhookBuilderExtensions
{
    /// <summary>
    /// Replaces the in-memory dedupe store and queue of <c>services.AddInstagramWebhooks(...)</c> with Redis: one
    /// dedupe record (<c>SET NX PX</c>, for <see cref="InstagramWebhookOptions.DedupeLifetime"/>) and a durable queue
    /// on Redis Streams that every instance sharing the Redis and <see cref="RedisConnectionOptions.KeyPrefix"/>
    /// consumes: an event is kept in Redis before the endpoint answers 200 (503 when it cannot be), acknowledged
    /// after its handlers succeed, taken over from a crashed instance, kept in per-customer order, and moved to a
    /// dead-letter stream after <see cref="RedisWebhookOptions.MaxAttempts"/>. Options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder <c>AddInstagramWebhooks</c> returned.</param>
    /// <param name="configure">Sets the Redis configuration string and, if needed, partitions, timeouts and attempts.</param>
    /// <returns>The same builder.</returns>
    public static InstagramWebhookBuilder UseRedis(this InstagramWebhookBuilder builder, Action<RedisWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisWebhookOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisWebhookOptions>, RedisOptionsValidator<RedisWebhookOptions>>());
        services.TryAddSingleton(static provider => new RedisWebhookConnection(provider.GetRequiredService<IOptions<RedisWebhookOptions>>().Value));
        services.TryAddSingleton(static provider => new RedisWebhookQueue(
            provider.GetRequiredService<RedisWebhookConnection>(),
            provider.GetRequiredService<IOptions<InstagramWebhookOptions>>(),
            provider.GetRequiredService<ILogger<RedisWebhookQueue>>()));
        services.RemoveAll<IInstagramWebhookQueue>();
        services.AddSingleton<IInstagramWebhookQueue>(static provider => provider.GetRequiredService<RedisWebhookQueue>());
        services.RemoveAll<IInstagramWebhookDedupeStore>();
        services.AddSingleton<IInstagramWebhookDedupeStore>(static provider => new RedisWebhookDedupeStore(
            provider.GetRequiredService<RedisWebhookConnection>(),
            provider.GetRequiredService<ILogger<RedisWebhookDedupeStore>>()));
        return builder;
    }
}
