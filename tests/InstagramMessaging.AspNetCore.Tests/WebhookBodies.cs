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

    /// <summary>One entry per item, as Meta batches: each entry holds one messaging item.</summary>
    public static byte[] Delivery(params string[] items) => Delivery((IEnumerable<string>)items);

    public static byte[] Delivery(IEnumerable<string> items, string account = Account)
        => Encoding.UTF8.GetBytes($$"""{"object":"instagram","entry":[{{string.Join(",", items.Select(i => $$"""{"time":1781520016812,"id":"{{account}}","messaging":[{{i}}]}"""))}}]}""");
}
