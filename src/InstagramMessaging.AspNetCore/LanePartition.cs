namespace InstagramMessaging.Webhooks;

// The dispatcher's partition: one customer of one account (or the account itself when the event names no customer).
// A struct key, so finding an event's lane builds no string.
internal readonly record struct LanePartition(string AccountId, string? CustomerId);
