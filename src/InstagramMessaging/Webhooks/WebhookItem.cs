namespace InstagramMessaging.Webhooks;

// Where an item sits: its entry's account and time, and whether it came in standby.
internal readonly record struct WebhookItem(string AccountId, long? EntryTime, bool Standby);
