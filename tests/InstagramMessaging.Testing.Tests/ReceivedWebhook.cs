using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.Testing.Tests;

// One POST the fake receiver got: the raw bytes, the headers, and whether its own HMAC check passed.
internal sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers, bool SignatureValid)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Root => JsonDocument.Parse(Body).RootElement;

    // The messaging items of every entry (entries of comments hold `changes` instead).
    public IReadOnlyList<JsonElement> Items => Root.GetProperty("entry").EnumerateArray()
        .SelectMany(e => e.TryGetProperty("messaging", out var items) ? items.EnumerateArray() : Enumerable.Empty<JsonElement>()).ToArray();

    public IReadOnlyList<JsonElement> Changes => Root.GetProperty("entry").EnumerateArray()
        .SelectMany(e => e.TryGetProperty("changes", out var changes) ? changes.EnumerateArray() : Enumerable.Empty<JsonElement>()).ToArray();
}
