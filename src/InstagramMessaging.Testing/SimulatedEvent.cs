using System;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

/// <summary>A webhook event the simulated customer caused, with what became of its delivery.</summary>
public sealed class SimulatedEvent
{
    internal SimulatedEvent(string kind, string senderId, string recipientId, string messageId, DateTimeOffset timestamp, string json, Task<WebhookDeliveryOutcome> delivery)
    {
        Kind = kind;
        SenderId = senderId;
        RecipientId = recipientId;
        MessageId = messageId;
        Timestamp = timestamp;
        Json = json;
        Delivery = delivery;
    }

    /// <summary>
    /// The event key of the messaging item (<c>message</c>, <c>postback</c>, <c>reaction</c>, <c>read</c>,
    /// <c>message_edit</c>, <c>referral</c>, <c>pass_thread_control</c>, <c>take_thread_control</c>,
    /// <c>request_thread_control</c> or <c>app_roles</c>), or the <c>field</c> of a <c>changes</c> entry (<c>comments</c>,
    /// <c>live_comments</c> or <c>mentions</c>).
    /// </summary>
    public string Kind { get; }

    /// <summary>
    /// Who caused it: the customer's IGSID (empty for <c>app_roles</c>, which involves no customer; the account's id for the
    /// echo of <see cref="EmulatorWebhooks.ThreadOwnerSendsAsync"/>).
    /// </summary>
    public string SenderId { get; }

    /// <summary>The Instagram account it was sent to (<c>entry.id</c>).</summary>
    public string RecipientId { get; }

    /// <summary>
    /// The message the event is about: the new mid of a message or postback, or the mid reacted to, read, edited or
    /// deleted; for a comment or a mention in a comment, the new comment's id; empty for a standalone <c>referral</c>, a
    /// handover event or a mention in a caption, which name no message.
    /// </summary>
    public string MessageId { get; }

    /// <summary>
    /// When the customer acted (the item's <c>timestamp</c>), on the emulator's clock. A comment carries no timestamp of
    /// its own: its body has only <c>entry.time</c>, the POST's time in epoch seconds.
    /// </summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>
    /// The messaging item exactly as written in the webhook body (compact, non-ASCII escaped); for a comment, the
    /// <c>changes</c> item (<c>{"value": …, "field": "comments"}</c>, with Meta's spacing).
    /// </summary>
    public string Json { get; }

    /// <summary>
    /// Completes when every delivery carrying the event was acknowledged or given up. Already complete when the
    /// action returns, unless batching or reordering holds events back (see <see cref="EmulatorWebhooks.FlushAsync"/>).
    /// </summary>
    public Task<WebhookDeliveryOutcome> Delivery { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {MessageId} from {SenderId}";
}
