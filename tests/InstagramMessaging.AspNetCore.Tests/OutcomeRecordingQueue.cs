using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.AspNetCore.Tests;

// A replacement queue that records how the dispatcher settled each event: acknowledged, or failed (with the error).
internal sealed class OutcomeRecordingQueue : IInstagramWebhookQueue
{
    private readonly InMemoryWebhookQueue _inner = new(100);

    public ConcurrentQueue<string> Outcomes { get; } = new();

    public ValueTask<bool> TryEnqueueAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
        => _inner.TryEnqueueAsync(webhookEvent, cancellationToken);

    public ValueTask<InstagramWebhookQueueItem?> DequeueAsync(CancellationToken cancellationToken)
        => _inner.DequeueAsync(cancellationToken);

    public ValueTask AcknowledgeAsync(InstagramWebhookQueueItem item, CancellationToken cancellationToken)
    {
        Outcomes.Enqueue($"ack {((MessageContentEvent)item.Event).Text}");
        return _inner.AcknowledgeAsync(item, cancellationToken);
    }

    public ValueTask AcknowledgeFailureAsync(InstagramWebhookQueueItem item, Exception exception, CancellationToken cancellationToken)
    {
        Outcomes.Enqueue($"failed {((MessageContentEvent)item.Event).Text}: {exception.Message}");
        return _inner.AcknowledgeAsync(item, cancellationToken);
    }

    public void Complete() => _inner.Complete();
}
