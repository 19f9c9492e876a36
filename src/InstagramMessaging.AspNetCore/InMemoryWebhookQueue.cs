using System;
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
    private readonly object _attachGate = new();
    private Func<InstagramWebhookQueueItem, bool>? _sink;
    private Action? _completeSink;
    private int _count;

    public InMemoryWebhookQueue(int capacity) => _capacity = capacity;

    public int Count => Volatile.Read(ref _count);

    public ValueTask<bool> TryEnqueueAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _count) > _capacity || !Write(new InstagramWebhookQueueItem(webhookEvent)))
        {
            Interlocked.Decrement(ref _count);
            return new ValueTask<bool>(false);
        }

        return new ValueTask<bool>(true);
    }

    // The dispatcher takes events straight from the write (push) instead of reading the channel: no channel, no async
    // continuation chain per event. Only before any event was written (the dispatcher attaches at host start, before
    // the server takes requests); false otherwise, and the dispatcher reads with DequeueAsync.
    internal bool TryAttach(Func<InstagramWebhookQueueItem, bool> sink, Action complete)
    {
        lock (_attachGate)
        {
            if (_sink is not null || Volatile.Read(ref _count) != 0 || _channel.Reader.Completion.IsCompleted)
            {
                return false;
            }

            _completeSink = complete;
            Volatile.Write(ref _sink, sink);
            return true;
        }
    }

    private bool Write(InstagramWebhookQueueItem item)
        => Volatile.Read(ref _sink) is { } sink ? sink(item) : _channel.Writer.TryWrite(item);

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

    public void Complete()
    {
        _channel.Writer.TryComplete();
        Action? complete;
        lock (_attachGate)
        {
            complete = _completeSink;
        }

        complete?.Invoke();
    }
}
