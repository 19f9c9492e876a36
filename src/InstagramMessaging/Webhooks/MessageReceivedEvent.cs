namespace InstagramMessaging.Webhooks;

/// <summary>A message the customer sent: text, attachments, a quick-reply tap, a reply, a story reply or mention.</summary>
public sealed record MessageReceivedEvent : MessageContentEvent
{
    /// <inheritdoc />
    public override string DedupeKey => WebhookDedupeKeys.Message(AccountId, MessageId, IsSelf ? "self" : "in");
}
