using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace InstagramMessaging.AspNetCore.Tests;

// Spec-shaped webhook bodies (docs: ../shared/spec/instagram-webhooks.md §3-4), compact as Meta sends them.
internal static class WebhookBodies
{
    public const string Account = "17841405822304914";

    public static string Message(string customer, string mid, string text, long timestamp = 1781520015307, string account = Account)
        => "{\"sender\":{\"id\":\"" + customer + "\"},\"recipient\":{\"id\":\"" + account + "\"},\"timestamp\":" + timestamp.ToString(CultureInfo.InvariantCulture) + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":" + JsonSerializer.Serialize(text) + "}}";

    public static string Echo(string customer, string mid, string text, long timestamp = 1781520016000, string account = Account)
        => "{\"sender\":{\"id\":\"" + account + "\"},\"recipient\":{\"id\":\"" + customer + "\"},\"timestamp\":" + timestamp.ToString(CultureInfo.InvariantCulture) + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":" + JsonSerializer.Serialize(text) + ",\"is_echo\":true}}";

    /// <summary>Self messaging (spec §4.9): the account writes to itself; sender and recipient are both the account.</summary>
    public static string Self(string mid, string text, string? quickReplyPayload = null, long timestamp = 1781520017000, string account = Account)
        => "{\"sender\":{\"id\":\"" + account + "\"},\"recipient\":{\"id\":\"" + account + "\"},\"timestamp\":" + timestamp.ToString(CultureInfo.InvariantCulture) + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":" + JsonSerializer.Serialize(text)
            + (quickReplyPayload is null ? string.Empty : ",\"quick_reply\":{\"payload\":" + JsonSerializer.Serialize(quickReplyPayload) + "}") + ",\"is_self\":true}}";

    /// <summary>A postback (spec §4.10) from <paramref name="sender"/>; with <paramref name="isSelf"/> the account pressed its own button.</summary>
    public static string Postback(string sender, string mid, string payload, bool isSelf = false, long timestamp = 1781520018000, string account = Account)
        => "{\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"" + account + "\"},\"timestamp\":" + timestamp.ToString(CultureInfo.InvariantCulture) + ",\"postback\":{\"mid\":\"" + mid + "\",\"title\":\"Press\",\"payload\":" + JsonSerializer.Serialize(payload)
            + (isSelf ? ",\"is_self\":true" : string.Empty) + "}}";

    /// <summary>One entry per item, as Meta batches: each entry holds one messaging item.</summary>
    public static byte[] Delivery(params string[] items) => Delivery((IEnumerable<string>)items);

    public static byte[] Delivery(IEnumerable<string> items, string account = Account)
        => Encoding.UTF8.GetBytes($$"""{"object":"instagram","entry":[{{string.Join(",", items.Select(i => $$"""{"time":1781520016812,"id":"{{account}}","messaging":[{{i}}]}"""))}}]}""");
}
