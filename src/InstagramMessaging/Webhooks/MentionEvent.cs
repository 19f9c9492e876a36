namespace InstagramMessaging.Webhooks;

/// <summary>The account was @mentioned in a caption or comment (<c>changes</c> field <c>mentions</c>, Facebook Login only).</summary>
public sealed record MentionEvent : InstagramWebhookEvent
{
    /// <summary><c>media_id</c>: the media that mentions the account.</summary>
    public string? MediaId { get; init; }

    /// <summary><c>comment_id</c>, when the mention is in a comment.</summary>
    public string? CommentId { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Mention(AccountId, MediaId, CommentId);
}
