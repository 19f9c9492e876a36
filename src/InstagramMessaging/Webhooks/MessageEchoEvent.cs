namespace InstagramMessaging.Webhooks;

/// <summary>
/// A message the account sent (<c>is_echo</c>), by this app, another app, the Instagram app or the inbox. Its
/// <see cref="MessageContentEvent.MessageId"/> equals the Send API's <c>message_id</c>. A bot must not answer these.
/// </summary>
public sealed record MessageEchoEvent : MessageContentEvent
{
    /// <inheritdoc />
    public override string? CustomerId => RecipientId;

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Message(AccountId, MessageId, "echo");
}
