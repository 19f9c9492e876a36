namespace InstagramMessaging.Webhooks;

/// <summary>
/// A message the account sent (<c>is_echo</c>), by this app, another app, the Instagram app or the inbox. Its
/// <see cref="MessageContentEvent.MessageId"/> equals the Send API's <c>message_id</c>. A bot must not answer these.
/// </summary>
public sealed record MessageEchoEvent : MessageContentEvent
{
    /// <summary>
    /// <c>message.app_id</c>: the app that sent the message (Messenger sends it, sometimes as a JSON number, and it is
    /// kept as its digits). Uncertain on Instagram: null when absent, so it cannot tell this app's sends from others';
    /// match <see cref="MessageContentEvent.MessageId"/> against the Send API's <c>message_id</c> instead.
    /// </summary>
    public string? AppId { get; init; }

    /// <summary>
    /// <c>message.metadata</c>: the string the sender attached to the send (Messenger); null when absent, as it is in
    /// Instagram echoes seen so far.
    /// </summary>
    public string? Metadata { get; init; }

    /// <inheritdoc />
    public override string? CustomerId => RecipientId;

    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Message(AccountId, MessageId, "echo");
}
