using System;
using System.Threading;

namespace InstagramMessaging.Webhooks;

// Striped async locks by key: two deliveries of one event (a retry racing the original) check, queue and mark it one
// after the other, so only one of them queues it. Different keys rarely share a stripe.
internal sealed class KeyedGate
{
    private readonly SemaphoreSlim[] _stripes;

    public KeyedGate(int stripes)
    {
        _stripes = new SemaphoreSlim[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new SemaphoreSlim(1, 1);
        }
    }

    public SemaphoreSlim For(string key) => _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
}
