using System.Text;

namespace InstagramMessaging.Tests.Webhooks;

// Webhook bodies in Meta's shapes (the webhook spec's §3 and §4), written for these tests.
internal static class WebhookBodies
{
    public const string Account = "17841405822304914";
    public const string Customer = "7241980365028173";
    public const string Mid = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI2MDE5ODc2NTQzMjEwZDZD";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // One entry with the given messaging items (comma-separated JSON objects).
    public static string Messaging(string items, string account = Account, long time = 1781520016812)
        => $"{{\"object\":\"instagram\",\"entry\":[{{\"time\":{time},\"id\":\"{account}\",\"messaging\":[{items}]}}]}}";

    public static string Item(string eventJson, long timestamp = 1781520015307, string sender = Customer, string recipient = Account)
        => $"{{\"sender\":{{\"id\":\"{sender}\"}},\"recipient\":{{\"id\":\"{recipient}\"}},\"timestamp\":{timestamp},{eventJson}}}";
}
