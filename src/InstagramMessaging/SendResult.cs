namespace InstagramMessaging;

/// <summary>What the Graph API answered to a successful send.</summary>
/// <param name="RecipientId">The recipient's IGSID (<c>recipient_id</c>).</param>
/// <param name="MessageId">The new message's id (<c>message_id</c>); <see langword="null"/> for reactions.</param>
/// <param name="AttachmentId">The reusable attachment id when the send asked for one (<c>attachment_id</c>).</param>
public sealed record SendResult(string RecipientId, string? MessageId, AttachmentId? AttachmentId = null);
