using System;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Holds accepted events between the endpoint's 200 and the handlers. The endpoint answers 200 only after
/// <see cref="TryEnqueueAsync"/> kept every event of a delivery (503 otherwise, so Meta retries); the dispatcher
/// takes events with <see cref="DequeueAsync"/> in the order they were kept and calls
/// <see cref="AcknowledgeAsync"/> after the handlers ran. The ASP.NET Core package registers a bounded in-memory
/// queue; a durable one (a Redis stream) replaces it to survive a crash.
/// </summary>
public interface IInstagramWebhookQueue
{
    /// <summary>Keeps <paramref name="webhookEvent"/> for dispatch.</summary>
    /// <param name="webhookEvent">An event of a verified delivery.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True once the event is kept; false when the queue is full or no longer accepts (shutting down).</returns>
    ValueTask<bool> TryEnqueueAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>Waits for the next kept event, oldest first.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The next item, or null once <see cref="Complete"/> was called and every kept item was handed out.</returns>
    ValueTask<InstagramWebhookQueueItem?> DequeueAsync(CancellationToken cancellationToken);

    /// <summary>Says the handlers are done with <paramref name="item"/> (succeeded or failed and logged): it may be forgotten.</summary>
    /// <param name="item">An item <see cref="DequeueAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask AcknowledgeAsync(InstagramWebhookQueueItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Says a handler threw on <paramref name="item"/> (the failure is already logged). A queue that retries keeps the
    /// item to hand it out again later, or moves it aside after too many attempts; by default the item is simply
    /// acknowledged (<see cref="AcknowledgeAsync"/>), as the in-memory queue does.
    /// </summary>
    /// <param name="item">An item <see cref="DequeueAsync"/> returned.</param>
    /// <param name="exception">The first handler failure.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask AcknowledgeFailureAsync(InstagramWebhookQueueItem item, Exception exception, CancellationToken cancellationToken)
        => AcknowledgeAsync(item, cancellationToken);

    /// <summary>Stops accepting events (host shutdown); <see cref="DequeueAsync"/> still hands out what was kept, then null.</summary>
    void Complete();
}
