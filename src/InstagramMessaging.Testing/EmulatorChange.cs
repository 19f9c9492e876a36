namespace InstagramMessaging.Testing;

// Something the conversation page shows changed: the kind of change and, when it belongs to one, the conversation.
internal sealed record EmulatorChange(string Kind, string? Conversation);
