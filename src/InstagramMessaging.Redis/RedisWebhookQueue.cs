using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace InstagramMessaging.Redis;

// The durable webhook queue on Redis Streams.
//
// Keeping: the endpoint's TryEnqueueAsync adds the event to one of N streams (a hash of account and customer picks it)
// in a Lua script that first sets the event's dedupe key with SET NX, so two instances receiving the same event at
// once keep it once; the endpoint answers 200 only after that. Order: each stream is read by one instance at a time,
// the holder of the partition's lease (SET NX PX, renewed every third of its life); a stream's entries are handed to
// the dispatcher in stream order, and the dispatcher runs one customer's events one by one; so one customer's events
// run in the order they were kept, whichever instance received them. Instances share the partitions evenly (each
// takes at most ceil(N / live instances), counted from heartbeats) and give back a partition only when none of its
// events is in a handler. Crash: a dead instance's leases expire; the next holder first claims every pending entry of
// the partition (XPENDING + XCLAIM) and hands those out before new ones. Acknowledging: XACK (and XDEL) only after the
// handlers succeeded; a failed event stays pending and is claimed again after RetryDelay; after MaxAttempts
// deliveries it moves to the dead-letter stream. Retries keep the order too: a customer has at most one event out of
// the queue at a time (handed out, or failed and waiting for its retry); the customer's later events wait here,
// read but not handed out, until that one is acknowledged or dead-lettered.
internal sealed class RedisWebhookQueue : IInstagramWebhookQueue, IAsyncDisposable
{
    private const string Group = "dispatch";

    // KEYS[1] the stream, KEYS[2] the event's dedupe key; ARGV[1] the event, ARGV[2] the dedupe lifetime (ms).
    private const string EnqueueScript = """
        if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then
          redis.call('XADD', KEYS[1], '*', 'event', ARGV[1])
          return 1
        end
        return 0
        """;

    private const string AcknowledgeScript = """
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS[1] the stream, KEYS[2] the dead-letter stream; ARGV: group, id, event, partition, attempts, reason.
    private const string DeadLetterScript = """
        redis.call('XADD', KEYS[2], '*', 'event', ARGV[3], 'partition', ARGV[4], 'id', ARGV[2], 'attempts', ARGV[5], 'reason', ARGV[6])
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS[1] the instances' heartbeats; ARGV[1] this instance, ARGV[2] the lease duration (ms). Returns the live count.
    private const string HeartbeatScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('ZADD', KEYS[1], now, ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
        return redis.call('ZCARD', KEYS[1])
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          return 1
        end
        return 0
        """;

    private readonly RedisWebhookConnection _redis;
    private readonly RedisWebhookOptions _options;
    private readonly ILogger _logger;
    private readonly long _dedupeLifetimeMs;
    private readonly string _consumer = Environment.MachineName + "-" + Guid.NewGuid().ToString("N")[..12];
    private readonly Partition[] _partitions;
    private readonly ConcurrentDictionary<string, byte[]> _inFlight = new(StringComparer.Ordinal);
    private readonly Channel<InstagramWebhookQueueItem> _ready;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _leaseStop = new();
    private readonly object _startGate = new();
    private Task? _loops;
    private Task? _leaseLoop;
    private volatile bool _completed;

    public RedisWebhookQueue(RedisWebhookConnection redis, IOptions<InstagramWebhookOptions> webhookOptions, ILogger<RedisWebhookQueue> logger)
    {
        _redis = redis;
        _options = redis.Options;
        _logger = logger;
        _dedupeLifetimeMs = (long)webhookOptions.Value.DedupeLifetime.TotalMilliseconds;
        _partitions = new Partition[_options.Partitions];
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = new Partition(i);
        }

        // Two writers: the read loop, and an acknowledgement releasing its customer's next event (ReleaseNext).
        _ready = Channel.CreateBounded<InstagramWebhookQueueItem>(new BoundedChannelOptions(_options.ReadBatchSize) { SingleReader = true, SingleWriter = false });
    }

    // How many partitions the streams are split into (tests and diagnostics).
    internal int PartitionCount => _partitions.Length;

    // The partitions this instance holds now (tests and diagnostics).
    internal int HeldPartitions
    {
        get
        {
            var held = 0;
            foreach (var partition in _partitions)
            {
                held += partition.Held ? 1 : 0;
            }

            return held;
        }
    }

    public async ValueTask<bool> TryEnqueueAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (_completed)
        {
            return false;
        }

        var data = InstagramWebhookEventSerializer.Serialize(webhookEvent);
        var partition = PartitionOf(webhookEvent, _partitions.Length);

        // 0 means another instance kept the same event first: it is kept, once.
        await _redis.Database.ScriptEvaluateAsync(
            EnqueueScript,
            [_redis.Stream(partition), _redis.DedupeKey(webhookEvent.DedupeKey)],
            [data, _dedupeLifetimeMs]).ConfigureAwait(false);
        return true;
    }

    public async ValueTask<InstagramWebhookQueueItem?> DequeueAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        var reader = _ready.Reader;
        do
        {
            if (reader.TryRead(out var item))
            {
                return item;
            }
        }
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false));

        return null;
    }

    public async ValueTask AcknowledgeAsync(InstagramWebhookQueueItem item, CancellationToken cancellationToken)
    {
        var (partition, entryId) = Parse(item);
        try
        {
            await _redis.Database.ScriptEvaluateAsync(AcknowledgeScript, [_redis.Stream(partition.Index)], [Group, entryId]).ConfigureAwait(false);
        }
        finally
        {
            Done(partition, item.Id!);
        }

        // Only once the event is acknowledged: if that failed it is still pending and will be retried first.
        ReleaseNext(partition, entryId);
    }

    public async ValueTask AcknowledgeFailureAsync(InstagramWebhookQueueItem item, Exception exception, CancellationToken cancellationToken)
    {
        var (partition, entryId) = Parse(item);
        var dead = false;
        try
        {
            var pending = await _redis.Database.StreamPendingMessagesAsync(_redis.Stream(partition.Index), Group, 1, RedisValue.Null, entryId, entryId).ConfigureAwait(false);
            var attempts = pending.Length > 0 ? pending[0].DeliveryCount : _options.MaxAttempts;
            if (attempts >= _options.MaxAttempts)
            {
                var data = _inFlight.TryGetValue(item.Id!, out var kept) ? kept : InstagramWebhookEventSerializer.Serialize(item.Event);
                await DeadLetterAsync(partition.Index, entryId, data, attempts, "handler_failed").ConfigureAwait(false);
                dead = true;
            }
            else
            {
                RedisLog.WillRetry(_logger, entryId, partition.Index, attempts, _options.MaxAttempts);
            }
        }
        finally
        {
            Done(partition, item.Id!);
        }

        // A failed event that will be retried keeps its customer's later events waiting; a dead-lettered one frees them.
        if (dead)
        {
            ReleaseNext(partition, entryId);
        }
    }

    public void Complete()
    {
        _completed = true;
        lock (_startGate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            if (_loops is null)
            {
                _ready.Writer.TryComplete();
            }
            else
            {
                // What was already read is still handed out; then DequeueAsync returns null.
                _ = _loops.ContinueWith(_ => _ready.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Complete();
        _leaseStop.Cancel();
        if (_loops is { } loops)
        {
            await loops.ConfigureAwait(false);
        }

        if (_leaseLoop is { } leaseLoop)
        {
            await leaseLoop.ConfigureAwait(false);
        }

        if (_redis.Multiplexer.IsConnected)
        {
            try
            {
                // Hand back what has nothing left in a handler, so another instance takes over at once.
                foreach (var partition in _partitions)
                {
                    if (partition.Held && Volatile.Read(ref partition.Outstanding) == 0)
                    {
                        await _redis.Database.ScriptEvaluateAsync(ReleaseScript, [_redis.Lease(partition.Index)], [_consumer]).ConfigureAwait(false);
                    }
                }

                await _redis.Database.SortedSetRemoveAsync(_redis.Instances, _consumer).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisConnections.IsUnavailable(e))
            {
                // The leases expire on their own.
            }
        }
    }

    // Stops this instance as a crash would (tests): no more reads or lease renewals, the connection gone, nothing
    // acknowledged or handed back.
    internal void Crash()
    {
        _completed = true;
        _stop.Cancel();
        _leaseStop.Cancel();
        try
        {
            _redis.Multiplexer.Close(allowCommandsToComplete: false);
        }
        catch (InvalidOperationException)
        {
            // The client may trip over its own socket being torn down; a crash does not care.
        }
    }

    // A stable hash (FNV-1a), the same in every process: string.GetHashCode is randomized per process.
    internal static int PartitionOf(InstagramWebhookEvent webhookEvent, int partitions)
    {
        var hash = 2166136261u;
        Mix(ref hash, webhookEvent.AccountId);
        if (webhookEvent.CustomerId is { } customer)
        {
            Mix(ref hash, "/");
            Mix(ref hash, customer);
        }

        return (int)(hash % (uint)partitions);

        static void Mix(ref uint hash, string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }
        }
    }

    private void EnsureStarted()
    {
        if (_loops is not null)
        {
            return;
        }

        lock (_startGate)
        {
            if (_loops is null && !_stop.IsCancellationRequested)
            {
                // Leases are renewed until the queue is disposed: after Complete the dispatcher still drains what
                // was read, and another instance must not take those partitions over meanwhile.
                _leaseLoop = Task.Run(() => LeaseLoopAsync(_leaseStop.Token), CancellationToken.None);
                _loops = Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None);
            }
        }
    }

    private async Task LeaseLoopAsync(CancellationToken stop)
    {
        var leaseMs = (long)_options.LeaseDuration.TotalMilliseconds;
        var start = Random.Shared.Next(_partitions.Length);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var live = Math.Max(1, (long)await _redis.Database.ScriptEvaluateAsync(HeartbeatScript, [_redis.Instances], [_consumer, leaseMs]).ConfigureAwait(false));
                var target = (int)((_partitions.Length + live - 1) / live);
                var held = 0;
                foreach (var partition in _partitions)
                {
                    if (!partition.Held)
                    {
                        continue;
                    }

                    if ((long)await _redis.Database.ScriptEvaluateAsync(RenewScript, [_redis.Lease(partition.Index)], [_consumer, leaseMs]).ConfigureAwait(false) == 1)
                    {
                        held++;
                    }
                    else
                    {
                        partition.Held = false;
                        RedisLog.PartitionLost(_logger, partition.Index);
                    }
                }

                // Give back partitions over this instance's share, only those with no event read and not yet finished.
                foreach (var partition in _partitions)
                {
                    if (held <= target)
                    {
                        break;
                    }

                    if (partition.Held && partition.Gate.Wait(0))
                    {
                        try
                        {
                            if (Volatile.Read(ref partition.Outstanding) == 0)
                            {
                                partition.Held = false;
                                partition.Turns.ForgetOrder();
                                held--;
                                await _redis.Database.ScriptEvaluateAsync(ReleaseScript, [_redis.Lease(partition.Index)], [_consumer]).ConfigureAwait(false);
                            }
                        }
                        finally
                        {
                            partition.Gate.Release();
                        }
                    }
                }

                for (var i = 0; i < _partitions.Length && held < target && !_completed; i++)
                {
                    var partition = _partitions[(start + i) % _partitions.Length];
                    if (!partition.Held && await _redis.Database.StringSetAsync(_redis.Lease(partition.Index), _consumer, _options.LeaseDuration, When.NotExists).ConfigureAwait(false))
                    {
                        partition.TakeOver = true;
                        partition.Held = true;
                        held++;
                        RedisLog.PartitionTaken(_logger, partition.Index);
                    }
                }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Unreachable Redis or anything unexpected: an exception escaping here would stop the renewals for good.
                RedisLog.QueueReadFailed(_logger, e, _options.LeaseDuration.TotalMilliseconds / 3);
            }

            try
            {
                await Task.Delay(_options.LeaseDuration / 3, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReadLoopAsync(CancellationToken stop)
    {
        var retryScanTicks = (long)(_options.RetryDelay.TotalSeconds / 2 * Stopwatch.Frequency);
        while (!stop.IsCancellationRequested)
        {
            var read = 0;
            try
            {
                foreach (var partition in _partitions)
                {
                    if (!partition.Held || stop.IsCancellationRequested)
                    {
                        continue;
                    }

                    await partition.Gate.WaitAsync(stop).ConfigureAwait(false);
                    try
                    {
                        if (!partition.Held)
                        {
                            continue;
                        }

                        read += await ReadPartitionAsync(partition, retryScanTicks, stop).ConfigureAwait(false);
                    }
                    finally
                    {
                        partition.Gate.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Unreachable Redis or anything unexpected: an exception escaping here would stop the reads for good.
                RedisLog.QueueReadFailed(_logger, e, 500);
                read = 0;
                await DelayAsync(TimeSpan.FromMilliseconds(500), stop).ConfigureAwait(false);
                continue;
            }

            if (read == 0)
            {
                await DelayAsync(_options.PollInterval, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ReadPartitionAsync(Partition partition, long retryScanTicks, CancellationToken stop)
    {
        var database = _redis.Database;
        var stream = _redis.Stream(partition.Index);
        var read = 0;
        if (partition.TakeOver)
        {
            try
            {
                await database.StreamCreateConsumerGroupAsync(stream, Group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
            }
            catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
            {
            }

            // A new holder claims whatever the previous one left pending before anything new: order is kept.
            partition.Turns.ForgetOrder();
            read += await ClaimAsync(partition, 0, stop).ConfigureAwait(false);
            partition.TakeOver = false;
            partition.NextRetryScan = Stopwatch.GetTimestamp() + retryScanTicks;
        }
        else if (Stopwatch.GetTimestamp() >= partition.NextRetryScan)
        {
            read += await ClaimAsync(partition, (long)_options.RetryDelay.TotalMilliseconds, stop).ConfigureAwait(false);
            partition.NextRetryScan = Stopwatch.GetTimestamp() + retryScanTicks;
        }

        var entries = await database.StreamReadGroupAsync(stream, Group, _consumer, StreamPosition.NewMessages, _options.ReadBatchSize).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            await HandOutAsync(partition, entry, stop).ConfigureAwait(false);
        }

        return read + entries.Length;
    }

    // Claims pending entries idle for at least minIdleMs (a crashed holder's, or failed ones due a retry) and hands
    // them out, oldest first; those delivered too often go to the dead-letter stream instead. Entries this instance
    // already has (in a handler, or waiting behind their customer's earlier event) are left alone: claiming them
    // would count a delivery that did not happen.
    private async Task<int> ClaimAsync(Partition partition, long minIdleMs, CancellationToken stop)
    {
        var database = _redis.Database;
        var stream = _redis.Stream(partition.Index);
        RedisValue from = "-";
        var claimed = 0;
        while (!stop.IsCancellationRequested)
        {
            var pending = await database.StreamPendingMessagesAsync(stream, Group, _options.ReadBatchSize, RedisValue.Null, from).ConfigureAwait(false);
            if (pending.Length == 0)
            {
                break;
            }

            from = "(" + pending[^1].MessageId;
            var due = new List<RedisValue>();
            var deliveries = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var info in pending)
            {
                if (info.IdleTimeInMilliseconds >= minIdleMs && !_inFlight.ContainsKey(ItemId(partition.Index, info.MessageId!)) && !partition.Turns.IsWaiting(info.MessageId!))
                {
                    due.Add(info.MessageId);
                    deliveries[info.MessageId!] = info.DeliveryCount + 1;
                }
            }

            if (due.Count > 0)
            {
                foreach (var entry in await database.StreamClaimAsync(stream, Group, _consumer, minIdleMs, due.ToArray()).ConfigureAwait(false))
                {
                    if (entry.IsNull)
                    {
                        continue; // deleted meanwhile
                    }

                    claimed++;
                    var attempts = deliveries.GetValueOrDefault(entry.Id!, 1);
                    if (attempts > _options.MaxAttempts)
                    {
                        await DeadLetterAsync(partition.Index, entry.Id!, (byte[]?)entry["event"] ?? [], attempts - 1, "too_many_deliveries").ConfigureAwait(false);
                        ReleaseNext(partition, entry.Id!);
                        continue;
                    }

                    RedisTelemetry.Redelivered.Add(1);
                    await HandOutAsync(partition, entry, stop).ConfigureAwait(false);
                }
            }

            if (pending.Length < _options.ReadBatchSize)
            {
                break;
            }
        }

        return claimed;
    }

    private async Task HandOutAsync(Partition partition, StreamEntry entry, CancellationToken stop)
    {
        var data = (byte[]?)entry["event"];
        InstagramWebhookEvent webhookEvent;
        try
        {
            webhookEvent = InstagramWebhookEventSerializer.Deserialize(data);
        }
        catch (InstagramWebhookFormatException)
        {
            await DeadLetterAsync(partition.Index, entry.Id!, data ?? [], 0, "unreadable").ConfigureAwait(false);
            return;
        }

        var item = new InstagramWebhookQueueItem(webhookEvent, ItemId(partition.Index, entry.Id!));
        if (!partition.Turns.TryTakeTurn(CustomerKey(webhookEvent), entry.Id!, item, data!))
        {
            return; // waits behind the customer's earlier event
        }

        _inFlight[item.Id!] = data!;
        Interlocked.Increment(ref partition.Outstanding);
        await _ready.Writer.WriteAsync(item, stop).ConfigureAwait(false);
    }

    // The customer's earlier event is done (acknowledged or dead-lettered): its next waiting event goes out.
    private void ReleaseNext(Partition partition, string entryId)
    {
        if (partition.Turns.NextTurn(entryId) is not var (item, data))
        {
            return;
        }

        _inFlight[item.Id!] = data;
        Interlocked.Increment(ref partition.Outstanding);
        if (!_ready.Writer.TryWrite(item))
        {
            // The hand-off buffer is full and this may be the dispatcher's own acknowledgement: never wait here.
            _ = _ready.Writer.WriteAsync(item, CancellationToken.None).AsTask().ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    // Whose events must run in order: one customer of one account (events without a customer have no order).
    private static string? CustomerKey(InstagramWebhookEvent webhookEvent)
        => webhookEvent.CustomerId is { } customer ? webhookEvent.AccountId + "/" + customer : null;

    private async Task DeadLetterAsync(int partition, string entryId, byte[] data, long attempts, string reason)
    {
        await _redis.Database.ScriptEvaluateAsync(
            DeadLetterScript,
            [_redis.Stream(partition), _redis.DeadLetterStream],
            [Group, entryId, data, partition, attempts, reason]).ConfigureAwait(false);
        RedisTelemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>(RedisTelemetry.ReasonTag, reason));
        RedisLog.DeadLettered(_logger, entryId, partition, attempts, reason);
    }

    private void Done(Partition partition, string id)
    {
        if (_inFlight.TryRemove(id, out _))
        {
            Interlocked.Decrement(ref partition.Outstanding);
        }
    }

    private (Partition Partition, string EntryId) Parse(InstagramWebhookQueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var id = item.Id ?? throw new ArgumentException("The item was not handed out by this queue (it has no id).", nameof(item));
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return (_partitions[int.Parse(id.AsSpan(0, slash), CultureInfo.InvariantCulture)], id[(slash + 1)..]);
    }

    private static string ItemId(int partition, string entryId) => partition.ToString(CultureInfo.InvariantCulture) + "/" + entryId;

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Partition(int index)
    {
        // Events handed out and not yet acknowledged (or failed): a partition is given back only at 0.
        public int Outstanding;

        public int Index { get; } = index;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile bool Held;

        public volatile bool TakeOver;

        public long NextRetryScan;

        // Which customer's event may go out now; the later ones wait behind it.
        public CustomerTurns Turns { get; } = new();
    }
}
