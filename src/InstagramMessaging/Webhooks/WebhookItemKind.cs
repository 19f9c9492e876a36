namespace InstagramMessaging.Webhooks;

// The event key found in a messaging item.
internal enum WebhookItemKind
{
    None,
    Message,
    MessageEdit,
    Reaction,
    Read,
    Postback,
    Referral,
    PassThreadControl,
    TakeThreadControl,
    RequestThreadControl,
    AppRoles,
    Unknown,
}
