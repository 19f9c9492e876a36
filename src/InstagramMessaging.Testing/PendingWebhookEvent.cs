using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// One event on its way: its messaging item and how many deliveries carrying it are still open.
internal sealed class PendingWebhookEvent
{
    private readonly TaskCompletionSource<WebhookDeliveryOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;
    private int _acknowledged;

    public PendingWebhookEvent(string escaped, string unescaped, long timestamp)
    {
        Escaped = escaped;
        Unescaped = unescaped;
        Timestamp = timestamp;
    }

    // The messaging item as Meta writes it (non-ASCII escaped), and with raw UTF-8 for the negative mode.
    public string Escaped { get; }

    public string Unescaped { get; }

    public long Timestamp { get; }

    // A `changes` item (a comment) rather than a messaging item: it goes in a POST of its own form.
    public bool IsChange { get; init; }

    public Task<WebhookDeliveryOutcome> Done => _done.Task;

    // Called once per delivery that will carry the event, before any of them starts.
    public void Expect() => Interlocked.Increment(ref _open);

    public void Finish(bool acknowledged)
    {
        if (acknowledged)
        {
            Volatile.Write(ref _acknowledged, 1);
        }

        if (Interlocked.Decrement(ref _open) == 0)
        {
            _done.TrySetResult(Volatile.Read(ref _acknowledged) == 1 ? WebhookDeliveryOutcome.Delivered : WebhookDeliveryOutcome.GaveUp);
        }
    }

    public void NotDelivered() => _done.TrySetResult(WebhookDeliveryOutcome.NotDelivered);
}
