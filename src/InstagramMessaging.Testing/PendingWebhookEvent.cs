using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// One event on its way: its messaging item, which array of the entry carries it, and how many deliveries carrying it
// are still open.
internal sealed class PendingWebhookEvent
{
    private readonly TaskCompletionSource<WebhookDeliveryOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;
    private int _acknowledged;
    private int _attempted;

    public PendingWebhookEvent(string escaped, string unescaped, long timestamp, bool standby = false)
    {
        Escaped = escaped;
        Unescaped = unescaped;
        Timestamp = timestamp;
        Standby = standby;
    }

    // The messaging item as Meta writes it (non-ASCII escaped), and with raw UTF-8 for the negative mode.
    public string Escaped { get; }

    public string Unescaped { get; }

    public long Timestamp { get; }

    // Whether the item goes in entry.standby[] (another app owns the thread) rather than entry.messaging[].
    public bool Standby { get; }

    // A `changes` item (a comment) rather than a messaging item: it goes in a POST of its own form.
    public bool IsChange { get; init; }

    public Task<WebhookDeliveryOutcome> Done => _done.Task;

    // Called once per delivery that will carry the event, before any of them starts.
    public void Expect() => Interlocked.Increment(ref _open);

    // A delivery carrying the event was attempted (and retried) to the end.
    public void Finish(bool acknowledged)
    {
        if (acknowledged)
        {
            Volatile.Write(ref _acknowledged, 1);
        }

        Volatile.Write(ref _attempted, 1);
        Close();
    }

    // A delivery carrying the event was never attempted: the subscription was disabled first.
    public void Unsent() => Close();

    public void NotDelivered() => _done.TrySetResult(WebhookDeliveryOutcome.NotDelivered);

    public void SubscriptionDisabled() => _done.TrySetResult(WebhookDeliveryOutcome.SubscriptionDisabled);

    private void Close()
    {
        if (Interlocked.Decrement(ref _open) == 0)
        {
            _done.TrySetResult(Volatile.Read(ref _acknowledged) == 1 ? WebhookDeliveryOutcome.Delivered
                : Volatile.Read(ref _attempted) == 1 ? WebhookDeliveryOutcome.GaveUp
                : WebhookDeliveryOutcome.SubscriptionDisabled);
        }
    }
}
