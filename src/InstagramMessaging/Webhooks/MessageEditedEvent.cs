namespace InstagramMessaging.Webhooks;

/// <summary>The customer edited a message (<c>message_edit</c>).</summary>
public sealed record MessageEditedEvent : InstagramWebhookEvent
{
    /// <summary>The edited message's <c>mid</c>.</summary>
    public required string MessageId { get; init; }

    /// <summary>The new text; null when Meta sent none (observed with <see cref="EditCount"/> 0: no content change).</summary>
    public string? Text { get; init; }

    /// <summary><c>num_edit</c>: how many times the message has been edited.</summary>
    public int EditCount { get; init; }

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Edit(AccountId, MessageId, EditCount, Text);
}
