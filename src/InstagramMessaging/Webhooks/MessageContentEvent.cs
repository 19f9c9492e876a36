using System;
using System.Collections.Generic;

namespace InstagramMessaging.Webhooks;

/// <summary>What a message holds, received (<see cref="MessageReceivedEvent"/>) or sent by the account (<see cref="MessageEchoEvent"/>).</summary>
public abstract record MessageContentEvent : InstagramWebhookEvent
{
    /// <summary><c>message.mid</c>.</summary>
    public required string MessageId { get; init; }

    /// <summary><c>message.text</c>, decoded; null when the message has only attachments. For a quick-reply tap, the chip's title.</summary>
    public string? Text { get; init; }

    /// <summary><c>message.attachments</c>, each with its <see cref="ReceivedAttachment.Type"/> as sent (an open set).</summary>
    public IReadOnlyList<ReceivedAttachment> Attachments { get; init; } = Array.Empty<ReceivedAttachment>();

    /// <summary><c>message.quick_reply.payload</c>: the payload of the quick reply the customer tapped.</summary>
    public string? QuickReplyPayload { get; init; }

    /// <summary><c>message.reply_to.mid</c>: the message this one replies to.</summary>
    public string? ReplyToMessageId { get; init; }

    /// <summary><c>message.reply_to.story</c>: the story this message replies to.</summary>
    public StoryReply? ReplyToStory { get; init; }

    /// <summary>
    /// <c>message.reply_to.is_self_reply</c>: true when the quoted message (<see cref="ReplyToMessageId"/>) is the
    /// sender's own, false when it is the other side's; null when the delivery does not say (or is not a reply).
    /// </summary>
    public bool? IsSelfReply { get; init; }

    /// <summary><c>message.referral</c>: the ad, ig.me link or shop product that opened the conversation.</summary>
    public WebhookReferral? Referral { get; init; }

    /// <summary><c>message.is_self</c>: the account messaged itself (self messaging).</summary>
    public bool IsSelf { get; init; }

    /// <summary><c>message.is_unsupported</c>: media Meta cannot deliver; show a placeholder.</summary>
    public bool IsUnsupported { get; init; }
}
