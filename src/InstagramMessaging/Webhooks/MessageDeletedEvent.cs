namespace InstagramMessaging.Webhooks;

/// <summary>The customer unsent a message (<c>message.is_deleted</c>).</summary>
public sealed record MessageDeletedEvent : InstagramWebhookEvent
{
    /// <summary>The deleted message's <c>mid</c>.</summary>
    public required string MessageId { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Deleted(AccountId, MessageId);
}
