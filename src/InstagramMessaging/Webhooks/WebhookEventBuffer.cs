using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace InstagramMessaging.Webhooks;

// The events of one body while it is read: a pooled array, so a batch costs one exact-size array at the end instead
// of a list's growth steps (and its covariant store checks on each add).
internal struct WebhookEventBuffer
{
    private InstagramWebhookEvent[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly InstagramWebhookEvent Last => _items![_count - 1];

    public void Add(InstagramWebhookEvent item)
    {
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
        if (_items is null)
        {
            return Array.Empty<InstagramWebhookEvent>();
        }

        var result = _items.AsSpan(0, _count).ToArray();
        Return();
        return result;
    }

    // Gives the pooled array back without a result (a malformed body).
    public void Return()
    {
        if (_items is not null)
        {
            ArrayPool<InstagramWebhookEvent>.Shared.Return(_items, clearArray: true);
            _items = null;
            _count = 0;
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<InstagramWebhookEvent>.Shared.Rent(_items is null ? 16 : _items.Length * 2);
        if (_items is not null)
        {
            _items.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<InstagramWebhookEvent>.Shared.Return(_items, clearArray: true);
        }

        _items = larger;
    }
}
