using System;
using System.Collections.Generic;
using System.Linq;

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

    /// <summary>Value equality, <see cref="Attachments"/> compared item by item (a record compares a list by reference).</summary>
    /// <param name="other">The event to compare with.</param>
    /// <returns>Whether both hold the same message.</returns>
    public virtual bool Equals(MessageContentEvent? other)
        => other is not null
            && base.Equals(other)
            && MessageId == other.MessageId
            && Text == other.Text
            && Attachments.SequenceEqual(other.Attachments)
            && QuickReplyPayload == other.QuickReplyPayload
            && ReplyToMessageId == other.ReplyToMessageId
            && Equals(ReplyToStory, other.ReplyToStory)
            && IsSelfReply == other.IsSelfReply
            && Equals(Referral, other.Referral)
            && IsSelf == other.IsSelf
            && IsUnsupported == other.IsUnsupported;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), MessageId, Text, Attachments.Count, QuickReplyPayload, ReplyToMessageId, IsSelf);
}
