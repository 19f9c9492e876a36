using System;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// A replacement queue (as a Redis one would be) whose first take fails, as a store that is briefly unreachable.
internal sealed class FlakyQueue : IInstagramWebhookQueue
{
    private readonly InMemoryWebhookQueue _inner = new(100);
    private int _failures = 1;

    public ValueTask<bool> TryEnqueueAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
        => _inner.TryEnqueueAsync(webhookEvent, cancellationToken);

    public ValueTask<InstagramWebhookQueueItem?> DequeueAsync(CancellationToken cancellationToken)
        => Interlocked.Decrement(ref _failures) >= 0
            ? throw new InvalidOperationException("store unreachable")
            : _inner.DequeueAsync(cancellationToken);

    public ValueTask AcknowledgeAsync(InstagramWebhookQueueItem item, CancellationToken cancellationToken)
        => _inner.AcknowledgeAsync(item, cancellationToken);

    public void Complete() => _inner.Complete();
}
