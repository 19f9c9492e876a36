namespace InstagramMessaging.Webhooks;

/// <summary>The story a message replies to (<c>reply_to.story</c>). The URL expires with the story; do not store the media.</summary>
public sealed record StoryReply
{
    /// <summary><c>story.id</c>.</summary>
    public string? Id { get; init; }

    /// <summary><c>story.url</c>: the story's CDN URL.</summary>
    public string? Url { get; init; }

    /// <summary><c>story.link_sticker_url</c>, when the story had a link sticker.</summary>
    public string? LinkStickerUrl { get; init; }
}
