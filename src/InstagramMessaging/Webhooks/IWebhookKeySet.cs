using System;

namespace InstagramMessaging.Webhooks;

// The keys of one kind of JSON object in a webhook body (an item, a message, a flat event), classified from a key's
// unescaped UTF-8 text; implemented by structs, so that the generic key reader is compiled once per key set and the
// classification is a direct, inlinable call.
internal interface IWebhookKeySet<TKey>
{
    static abstract TKey Of(ReadOnlySpan<byte> name);
}
