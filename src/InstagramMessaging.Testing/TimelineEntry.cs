using System;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// One thing that happened in a conversation, as the page shows it. Business side: a send the emulator answered
// (Kind "message", "action" for a sender action, "refused" for any error); customer side: the event key of a
// simulated action ("message", "postback", "reaction", "read", "message_edit"), Json being the messaging item.
internal sealed record TimelineEntry(string Conversation, string Side, string Kind, DateTimeOffset Time, string? MessageId, string Json)
{
    public long Sequence { get; set; }

    public int? Status { get; init; }

    public string? Answer { get; init; }

    public bool Dropped { get; init; }

    public bool TokenInUrl { get; init; }

    public EmulatedBodyFormat BodyFormat { get; init; }

    public Task<WebhookDeliveryOutcome>? Delivery { get; init; }
}
