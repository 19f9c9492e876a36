using System.Collections.Generic;

namespace InstagramMessaging;

/// <summary>What the Graph API answered to a successful send.</summary>
/// <param name="RecipientId">The recipient's IGSID (<c>recipient_id</c>).</param>
/// <param name="MessageId">The new message's id (<c>message_id</c>); <see langword="null"/> for reactions and sender actions.</param>
/// <param name="AttachmentId">The reusable attachment id when the send asked for one (<c>attachment_id</c>).</param>
public sealed record SendResult(string RecipientId, string? MessageId, AttachmentId? AttachmentId = null)
{
    private readonly IReadOnlyList<SendResult>? _parts;

    /// <summary>
    /// Every message the send produced: this one alone, or, when images were sent one per message because the
    /// account lacks multi-image sending, one result per image in order (this result is the first).
    /// </summary>
    public IReadOnlyList<SendResult> Parts
    {
        get => _parts ?? new[] { this };
        init => _parts = value;
    }
}
