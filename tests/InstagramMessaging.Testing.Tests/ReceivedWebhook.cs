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
    public IReadOnlyList<JsonElement> Items => ItemsOf("messaging");

    // The items of entry.standby[] (another app owns the thread).
    public IReadOnlyList<JsonElement> StandbyItems => ItemsOf("standby");

    public IReadOnlyList<JsonElement> Changes => ItemsOf("changes");

    private IReadOnlyList<JsonElement> ItemsOf(string array) => Root.GetProperty("entry").EnumerateArray()
        .SelectMany(e => e.TryGetProperty(array, out var items) ? items.EnumerateArray() : Enumerable.Empty<JsonElement>()).ToArray();
}
