using System;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace InstagramMessaging.Redis;

// The shared dedupe record: one key per event, SET NX PX with the dedupe lifetime (48 hours by default). It fails open:
// when Redis cannot be reached an event counts as new (a repeat is better than a loss; the queue, on the same Redis,
// refuses the delivery with 503 anyway when it cannot keep the event).
internal sealed class RedisWebhookDedupeStore : IInstagramWebhookDedupeStore
{
    private readonly RedisWebhookConnection _connection;
    private readonly ILogger _logger;

    public RedisWebhookDedupeStore(RedisWebhookConnection connection, ILogger<RedisWebhookDedupeStore> logger)
    {
        _connection = connection;
        _logger = logger;
    }

    public async ValueTask<bool> ContainsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await _connection.Database.KeyExistsAsync(_connection.DedupeKey(key)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnections.IsUnavailable(e))
        {
            RedisTelemetry.DedupeUnavailable.Add(1);
            RedisLog.DedupeFailedOpen(_logger, e);
            return false;
        }
    }

    public async ValueTask<bool> TryMarkAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            return await _connection.Database.StringSetAsync(_connection.DedupeKey(key), 1, lifetime, When.NotExists).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnections.IsUnavailable(e))
        {
            RedisTelemetry.DedupeUnavailable.Add(1);
            RedisLog.DedupeFailedOpen(_logger, e);
            return true;
        }
    }
}
