using System;

namespace InstagramMessaging.Webhooks;

/// <summary>The customer saw the conversation up to a message (<c>read</c>, field <c>messaging_seen</c>).</summary>
public sealed record MessageReadEvent : InstagramWebhookEvent
{
    /// <summary>The last message read (<c>read.mid</c>); null when only a Messenger-style watermark was sent.</summary>
    public string? MessageId { get; init; }

    /// <summary><c>read.watermark</c> (Messenger style: everything sent before it was read); null on Instagram.</summary>
    public DateTimeOffset? Watermark { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Read(AccountId, MessageId, Watermark, SenderId);
}
