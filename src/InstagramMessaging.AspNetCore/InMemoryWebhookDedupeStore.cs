using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Webhooks;

// The default dedupe store: keys with their expiry, at most `capacity` of them (the oldest go first), expired on the
// injected TimeProvider. One lock: every call is a dictionary lookup or two.
internal sealed class InMemoryWebhookDedupeStore : IInstagramWebhookDedupeStore
{
    private readonly Dictionary<string, long> _expiries = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, long Expiry)> _byAge = new();
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly object _gate = new();

    public InMemoryWebhookDedupeStore(int capacity, TimeProvider time)
    {
        _capacity = capacity;
        _time = time;
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
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            RemoveExpired(now);
            return new ValueTask<bool>(_expiries.TryGetValue(key, out var expiry) && expiry > now);
        }
    }

    public ValueTask<bool> TryMarkAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            RemoveExpired(now);
            if (_expiries.TryGetValue(key, out var current) && current > now)
            {
                return new ValueTask<bool>(false);
            }

            while (_expiries.Count >= _capacity && _byAge.Count > 0)
            {
                RemoveOldest();
            }

            var expiry = now + lifetime.Ticks;
            _expiries[key] = expiry;
            _byAge.Enqueue((key, expiry));
            return new ValueTask<bool>(true);
        }
    }

    private void RemoveExpired(long now)
    {
        while (_byAge.TryPeek(out var oldest) && oldest.Expiry <= now)
        {
            RemoveOldest();
        }
    }

    // A key marked again after expiring has a newer entry further back; only the entry that matches its expiry removes it.
    private void RemoveOldest()
    {
        var (key, expiry) = _byAge.Dequeue();
        if (_expiries.TryGetValue(key, out var current) && current == expiry)
        {
            _expiries.Remove(key);
        }
    }
}
