using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace InstagramMessaging.Webhooks;

// The default queue: in-process, bounded by the events not yet acknowledged (waiting or in a handler), so memory
// stays bounded however the dispatcher buffers. Lost on a crash: register a durable queue to survive one.
internal sealed class InMemoryWebhookQueue : IInstagramWebhookQueue
{
    // Synchronous continuations: the dispatcher's short, never-blocking loop step (find the customer's lane, start it
    // on the thread pool) runs on the writing request's thread instead of costing a thread hop per event.
    private readonly Channel<InstagramWebhookQueueItem> _channel =
        Channel.CreateUnbounded<InstagramWebhookQueueItem>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });

    private readonly int _capacity;
    private int _count;

    public InMemoryWebhookQueue(int capacity) => _capacity = capacity;

    public int Count => Volatile.Read(ref _count);

    public ValueTask<bool> TryEnqueueAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _count) > _capacity || !_channel.Writer.TryWrite(new InstagramWebhookQueueItem(webhookEvent)))
        {
            Interlocked.Decrement(ref _count);
            return new ValueTask<bool>(false);
        }

        return new ValueTask<bool>(true);
    }

    public async ValueTask<InstagramWebhookQueueItem?> DequeueAsync(CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
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

    public ValueTask AcknowledgeAsync(InstagramWebhookQueueItem item, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _count);
        return default;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
