namespace InstagramMessaging.Webhooks;

/// <summary>
/// One item of <c>message.attachments</c>. <see cref="Type"/> is kept as Meta sent it (<c>image</c>, <c>video</c>,
/// <c>audio</c>, <c>file</c>, <c>story_mention</c>, <c>ig_reel</c>, <c>reel</c>, <c>ig_post</c>, <c>share</c>,
/// <c>ig_story</c>, <c>ephemeral</c>, <c>template</c>, <c>unsupported_type</c>, or one added later).
/// </summary>
public sealed record ReceivedAttachment
{
    /// <summary><c>type</c>, as sent.</summary>
    public required string Type { get; init; }

    /// <summary><c>payload.url</c> (or <c>payload.story_media_url</c>): a CDN URL that expires; null for view-once media.</summary>
    public string? Url { get; init; }

    /// <summary><c>payload.title</c>: a shared reel's or post's caption.</summary>
    public string? Title { get; init; }

    /// <summary>The shared media's id: <c>reel_video_id</c>, <c>ig_post_media_id</c> or <c>story_media_id</c>.</summary>
    public string? MediaId { get; init; }

    /// <summary>
    /// The whole <c>payload</c> object as JSON text (escapes kept as sent) when it holds fields the members above do
    /// not read (such as a new attachment type's data); null when there is no payload or nothing more in it.
    /// </summary>
    public string? PayloadJson { get; init; }
}
