namespace InstagramMessaging.Webhooks;

// An event's item exactly as delivered, with what the parser needs around it to read the same event again: the
// entry's account and time, and the array it came in (messaging, standby or changes).
internal sealed class WebhookEventSource(string accountId, long? entryTime, string array, byte[] item)
{
    public string AccountId { get; } = accountId;

    public long? EntryTime { get; } = entryTime;

    public string Array { get; } = array;

    public byte[] Item { get; } = item;
}
