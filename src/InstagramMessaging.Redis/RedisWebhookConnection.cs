using System;
using StackExchange.Redis;

namespace InstagramMessaging.Redis;

// The webhook side's one connection, shared by the dedupe store and the queue, with their key names. Disposed by the
// container.
internal sealed class RedisWebhookConnection : IDisposable
{
    private readonly string _prefix;

    public RedisWebhookConnection(RedisWebhookOptions options)
    {
        Options = options;
        _prefix = options.KeyPrefix;
        Multiplexer = RedisConnections.Open(options);
        Database = Multiplexer.GetDatabase();
    }

    public RedisWebhookOptions Options { get; }

    public ConnectionMultiplexer Multiplexer { get; }

    public IDatabase Database { get; }

    public RedisKey DeadLetterStream => _prefix + ":webhooks:dead";

    public RedisKey Instances => _prefix + ":webhooks:instances";

    public RedisKey DedupeKey(string key) => _prefix + ":dedupe:" + key;

    public RedisKey Stream(int partition) => _prefix + ":webhooks:" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public RedisKey Lease(int partition) => _prefix + ":webhooks:lease:" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Multiplexer.Dispose();
}
