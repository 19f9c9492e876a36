using System.Collections.Generic;

namespace InstagramMessaging.Testing;

// One webhook POST, ready to send and to resend unchanged on retries.
internal sealed record PreparedDelivery(WebhookTarget Target, long Number, byte[] Body, IReadOnlyDictionary<string, string> Headers, int EventCount);
