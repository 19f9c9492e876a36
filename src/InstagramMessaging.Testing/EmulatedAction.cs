using System;

namespace InstagramMessaging.Testing;

/// <summary>A sender action the emulator accepted: typing on/off, mark seen, react or unreact.</summary>
/// <param name="RecipientId">The conversation it was sent to.</param>
/// <param name="Action">The <c>sender_action</c> value, such as <c>react</c>.</param>
/// <param name="MessageId">For reactions, the message reacted to.</param>
/// <param name="Reaction">For <c>react</c>, the reaction.</param>
public sealed record EmulatedAction(string RecipientId, string Action, string? MessageId, string? Reaction)
{
    /// <summary>When it was received.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>Media uploaded to the emulator's <c>message_attachments</c> route.</summary>
/// <param name="AttachmentId">The id the emulator answered with.</param>
/// <param name="Type">The attachment type: image, audio, video or file.</param>
/// <param name="Url">The URL it was fetched from, for URL uploads.</param>
/// <param name="FileName">The file name, for multipart uploads.</param>
/// <param name="Size">The bytes received, for multipart uploads.</param>
public sealed record EmulatedUpload(string AttachmentId, string Type, string? Url, string? FileName, long Size);
