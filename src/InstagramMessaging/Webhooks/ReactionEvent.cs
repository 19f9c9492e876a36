namespace InstagramMessaging.Webhooks;

/// <summary>The customer reacted to a message, or removed a reaction.</summary>
public sealed record ReactionEvent : InstagramWebhookEvent
{
    /// <summary>The message reacted to.</summary>
    public required string MessageId { get; init; }

    /// <summary>React or unreact.</summary>
    public ReactionAction Action { get; init; }

    /// <summary>The reaction's name (<c>love</c>, <c>like</c>, <c>laugh</c>, <c>wow</c>, <c>sad</c>, <c>angry</c>, <c>other</c>, ... an open set); null on unreact.</summary>
    public string? Reaction { get; init; }

    /// <summary>The exact emoji; null on unreact.</summary>
    public string? Emoji { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Reaction(AccountId, MessageId, SenderId, Action, Reaction ?? Emoji, Timestamp);
}
