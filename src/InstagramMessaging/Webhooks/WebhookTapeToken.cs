using System.Text.Json;

namespace InstagramMessaging.Webhooks;

// One JSON token of a body as the first pass recorded it: where its value's bytes are (inside the quotes for strings
// and property names), whether they hold escapes, and for an object or array start the index of its end token.
internal struct WebhookTapeToken
{
    public int ValueStart;
    public int ValueLength;
    public int End;
    public JsonTokenType Type;
    public bool IsEscaped;
}
