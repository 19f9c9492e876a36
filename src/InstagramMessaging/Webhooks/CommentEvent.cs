namespace InstagramMessaging.Webhooks;

/// <summary>A comment on the account's media (<c>changes</c> field <c>comments</c> or <c>live_comments</c>).</summary>
public sealed record CommentEvent : InstagramWebhookEvent
{
    /// <summary><c>comments</c> or <c>live_comments</c>.</summary>
    public required string Field { get; init; }

    /// <summary>The comment's id (<c>value.id</c>); use it with <see cref="Recipient.Comment(string)"/> for a private reply.</summary>
    public required string CommentId { get; init; }

    /// <summary>The comment's text.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// <c>from.id</c>: who commented, as their Instagram user id, which is not the id messaging uses (an IGSID): answer a
    /// comment in the direct messages with a private reply (<c>Recipient.Comment(CommentId)</c>); a message sent to
    /// this id is refused (100/2534014).
    /// </summary>
    public string? FromId { get; init; }

    /// <summary><c>from.username</c>.</summary>
    public string? FromUsername { get; init; }

    /// <summary>
    /// <c>from.self_ig_scoped_id</c>, as sent: the commenter's Instagram-scoped id. The account's own comments can come
    /// back with an app-scoped <see cref="FromId"/>, so a bot that skips its own comments compares both ids (and
    /// <see cref="FromUsername"/>) with the account's. Null when absent.
    /// </summary>
    public string? FromSelfIgScopedId { get; init; }

    /// <summary><c>parent_id</c>: the comment this one answers.</summary>
    public string? ParentId { get; init; }

    /// <summary><c>media.id</c>: the post or reel commented on.</summary>
    public string? MediaId { get; init; }

    /// <summary><c>media.media_product_type</c> (<c>FEED</c>, <c>REELS</c>, ...).</summary>
    public string? MediaProductType { get; init; }

    /// <summary><c>media.ad_id</c>: the ad, when the comment is on an ad's media; null otherwise.</summary>
    public string? AdId { get; init; }

    /// <summary><c>media.ad_title</c>: the title of that ad; null otherwise.</summary>
    public string? AdTitle { get; init; }

    /// <summary><c>media.original_media_id</c>: the organic post the ad was made from; null when absent.</summary>
    public string? OriginalMediaId { get; init; }

    /// <summary>The commenter (<see cref="FromId"/>, an Instagram user id, not an IGSID): one commenter's comments are handled in order.</summary>
    public override string? CustomerId => FromId;

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Comment(AccountId, Field, CommentId);
}
