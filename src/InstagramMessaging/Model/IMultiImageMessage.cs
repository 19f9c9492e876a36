using System.Collections.Generic;

namespace InstagramMessaging;

/// <summary>
/// A message of images. The generator implements this (explicitly) on image contracts so the client can send
/// the images one per message when an account does not have multi-image sending yet (code 2, subcode 2534068).
/// </summary>
public interface IMultiImageMessage : IInstagramMessage
{
    /// <summary>The images, in the order they are sent.</summary>
    IReadOnlyList<MediaSource> GetImages();

    /// <summary>The message this one replies to, if any.</summary>
    string? ReplyToMessageId { get; }
}
