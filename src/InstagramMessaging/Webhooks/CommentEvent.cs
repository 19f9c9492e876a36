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

    /// <summary><c>from.id</c>: who commented.</summary>
    public string? FromId { get; init; }

    /// <summary><c>from.username</c>.</summary>
    public string? FromUsername { get; init; }

    /// <summary><c>parent_id</c>: the comment this one answers.</summary>
    public string? ParentId { get; init; }

    /// <summary><c>media.id</c>: the post or reel commented on.</summary>
    public string? MediaId { get; init; }

    /// <summary><c>media.media_product_type</c> (<c>FEED</c>, <c>REELS</c>, ...).</summary>
    public string? MediaProductType { get; init; }

    /// <inheritdoc />
    public override string? CustomerId => FromId;

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Comment(AccountId, Field, CommentId);
}
