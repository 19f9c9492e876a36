using System;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InstagramMessaging.Webhooks;

// The default dedupe store: keys with their expiry, at most `capacity` of them (the oldest go first), expired on the
// injected TimeProvider. One lock: every call is a dictionary lookup or two.
//
// A key is kept as its 128-bit XxHash128 under a seed drawn at random per store, not as its string: a kept key then
// costs no object of its own, so 100,000 keys that each live for hours are not copied from generation to generation
// by the GC at every request's pace (the string keys were ~250 B each, all surviving into gen2 and dying there).
// Two keys would have to collide on all 128 bits for an event to be taken for another's duplicate: about 1 in 10^28
// over a full store, and the seed keeps anyone from crafting such a pair.
internal sealed class InMemoryWebhookDedupeStore : IInstagramWebhookDedupeStore
{
    private readonly Dictionary<UInt128, long> _expiries = new();
    private readonly Queue<(UInt128 Key, long Expiry)> _byAge = new();
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private bool _toldEvictingEarly;

    public InMemoryWebhookDedupeStore(int capacity, TimeProvider time, ILogger<InMemoryWebhookDedupeStore>? logger = null)
    {
        _capacity = capacity;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiries.Count;
            }
        }
    }

    public ValueTask<bool> ContainsAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = HashOf(key);
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            RemoveExpired(now);
            return new ValueTask<bool>(_expiries.TryGetValue(hash, out var expiry) && expiry > now);
        }
    }

    public ValueTask<bool> TryMarkAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = HashOf(key);
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            RemoveExpired(now);

            // One lookup finds the key or makes its entry (a large table's lookups are cache misses, not arithmetic).
            ref var expiry = ref CollectionsMarshal.GetValueRefOrAddDefault(_expiries, hash, out var exists);
            if (exists && expiry > now)
            {
                return new ValueTask<bool>(false);
            }

            expiry = now + lifetime.Ticks;
            _byAge.Enqueue((hash, expiry));

            // The new key is the newest, so the oldest that make room are others. A full store lets live keys go: the
            // 48-hour promise then holds only while the rate stays under capacity / lifetime, which operators must hear.
            while (_expiries.Count > _capacity && _byAge.Count > 0)
            {
                if (RemoveOldest() > now)
                {
                    WebhookTelemetry.DedupeEvictedEarly.Add(1);
                    if (!_toldEvictingEarly)
                    {
                        _toldEvictingEarly = true;
                        WebhookLog.DedupeEvictingEarly(_logger, _capacity);
                    }
                }
            }

            return new ValueTask<bool>(true);
        }
    }

    private UInt128 HashOf(string key) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key.AsSpan()), _seed);

    private void RemoveExpired(long now)
    {
        while (_byAge.TryPeek(out var oldest) && oldest.Expiry <= now)
        {
            RemoveOldest();
        }
    }

    // A key marked again after expiring has a newer entry further back; only the entry that matches its expiry removes
    // it (removed and, in that rare case, put back: one lookup in the common case instead of two). Answers the removed
    // key's expiry, or long.MinValue when nothing was removed.
    private long RemoveOldest()
    {
        var (key, expiry) = _byAge.Dequeue();
        if (!_expiries.Remove(key, out var current))
        {
            return long.MinValue;
        }

        if (current != expiry)
        {
            _expiries.Add(key, current);
            return long.MinValue;
        }

        return expiry;
    }
}
