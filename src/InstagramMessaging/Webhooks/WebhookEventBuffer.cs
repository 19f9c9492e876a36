using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InstagramMessaging.Webhooks;

// The events of one body while it is read: the first in a field (most deliveries hold one event, which then costs
// no pool round trip), more in a pooled array, so a batch costs one exact-size array at the end instead of a list's
// growth steps (and its covariant store checks on each add).
internal struct WebhookEventBuffer
{
    private InstagramWebhookEvent? _first;
    private InstagramWebhookEvent[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly InstagramWebhookEvent Last => _count == 1 ? _first! : _items![_count - 1];

    public void Add(InstagramWebhookEvent item)
    {
        if (_count == 0)
        {
            _first = item;
            _count = 1;
            return;
        }

        if (_items is null || _count == _items.Length)
        {
            Grow();
        }

        // The array's element type is exactly InstagramWebhookEvent, so the store needs no covariance check.
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items!), _count++) = item;
    }

    // The events as an array of exactly their number; the pooled array goes back, cleared.
    public InstagramWebhookEvent[] ToArrayAndReturn()
    {
        switch (_count)
        {
            case 0:
                return Array.Empty<InstagramWebhookEvent>();
            case 1:
                var single = new[] { _first! };
                _first = null;
                _count = 0;
                return single;
        }

        var result = _items.AsSpan(0, _count).ToArray();
        Return();
        return result;
    }

    // Gives the pooled array back without a result (a malformed body).
    public void Return()
    {
        _first = null;
        _count = 0;
        if (_items is not null)
        {
            ArrayPool<InstagramWebhookEvent>.Shared.Return(_items, clearArray: true);
            _items = null;
        }
    }

    // The pooled array holds every event from index 0 (the first is copied in when it is rented).
    private void Grow()
    {
        var larger = ArrayPool<InstagramWebhookEvent>.Shared.Rent(_items is null ? 16 : _items.Length * 2);
        if (_items is null)
        {
            larger[0] = _first!;
        }
        else
        {
            _items.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<InstagramWebhookEvent>.Shared.Return(_items, clearArray: true);
        }

        _items = larger;
    }
}
