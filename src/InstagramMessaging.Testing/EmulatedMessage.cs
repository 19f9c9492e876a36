using System;
using System.Text.Json;

namespace InstagramMessaging.Testing;

/// <summary>A message the emulator accepted and delivered to a recipient's conversation.</summary>
/// <param name="MessageId">The id the emulator answered with.</param>
/// <param name="RecipientId">
/// The IGSID it went to: for a private reply to a comment the emulator made, the commenter's; for a private reply to a
/// comment id it never made, that comment id.
/// </param>
/// <param name="Body">The whole request body as received.</param>
public sealed record EmulatedMessage(string MessageId, string RecipientId, JsonElement Body)
{
    /// <summary>When it was delivered.</summary>
    public DateTimeOffset DeliveredAt { get; init; }

    /// <summary><c>message.text</c>, when the message has text.</summary>
    public string? Text => Body.TryGetProperty("message", out var m) && m.TryGetProperty("text", out var t) ? t.GetString() : null;

    /// <summary><c>reply_to.mid</c>, when the message replies to another.</summary>
    public string? ReplyToMessageId => Body.TryGetProperty("reply_to", out var r) && r.TryGetProperty("mid", out var mid) ? mid.GetString() : null;

    /// <summary><c>messaging_type</c>, when sent.</summary>
    public string? MessagingType => Body.TryGetProperty("messaging_type", out var t) ? t.GetString() : null;

    /// <summary><c>tag</c>, when sent.</summary>
    public string? Tag => Body.TryGetProperty("tag", out var t) ? t.GetString() : null;
}
