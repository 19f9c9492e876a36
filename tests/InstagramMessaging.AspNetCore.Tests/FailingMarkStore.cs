using System;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// A replacement dedupe store (as a shared one would be) that fails to record its first key, as a store that is
// briefly unreachable right after the event was queued; it answers lookups throughout.
internal sealed class FailingMarkStore : IInstagramWebhookDedupeStore
{
    private readonly InMemoryWebhookDedupeStore _inner = new(100, TimeProvider.System);
    private int _failures = 1;

    public ValueTask<bool> ContainsAsync(string key, CancellationToken cancellationToken) => _inner.ContainsAsync(key, cancellationToken);

    public ValueTask<bool> TryMarkAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
        => Interlocked.Decrement(ref _failures) >= 0
            ? throw new InvalidOperationException("store unreachable")
            : _inner.TryMarkAsync(key, lifetime, cancellationToken);
}
