namespace InstagramMessaging;

/// <summary>What a <see cref="Recipient"/> names.</summary>
public enum RecipientKind
{
    /// <summary>An Instagram-scoped user id (<c>recipient.id</c>).</summary>
    User,

    /// <summary>A comment id for a private reply (<c>recipient.comment_id</c>).</summary>
    Comment,
}
