using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace InstagramMessaging.Testing.Tests;

// Shared steps: an emulator wired to a fake receiver, and the business's sends as raw Graph API calls.
internal static class WebhookTestKit
{
    public static async Task<(GraphApiEmulator Emulator, FakeWebhookReceiver Receiver)> StartAsync(GraphApiEmulator? emulator = null, bool overHttp = true)
    {
        emulator ??= new GraphApiEmulator();
        var receiver = await FakeWebhookReceiver.StartAsync(emulator.Webhooks.AppSecret, emulator.Webhooks.VerifyToken);
        if (overHttp)
        {
            emulator.Webhooks.DeliverTo(receiver.Url!);
        }
        else
        {
            emulator.Webhooks.DeliverTo(receiver.CreateInProcessClient());
        }

        emulator.Webhooks.RetryDelays = new[] { TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5) };
        return (emulator, receiver);
    }

    // The same on a fake clock at a realistic moment, retrying nothing: failure spans and timestamps are the test's to move.
    public static async Task<(FakeTimeProvider Clock, GraphApiEmulator Emulator, FakeWebhookReceiver Receiver)> StartOnFakeClockAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1781520015307));
        var (emulator, receiver) = await StartAsync(new GraphApiEmulator(timeProvider: clock));
        emulator.Webhooks.RetryDelays = Array.Empty<TimeSpan>();
        return (clock, emulator, receiver);
    }

    // The business sends raw JSON to the emulator's Send API, as any client would; returns the message_id answered.
    public static async Task<string> BusinessSendsAsync(GraphApiEmulator emulator, string json, string path = "/v25.0/me/messages")
    {
        using var http = emulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.facebook.com" + path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GraphApiEmulator.DefaultAccessToken);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var answer = JsonDocument.Parse(text);
        return answer.RootElement.TryGetProperty("message_id", out var mid) ? mid.GetString()! : string.Empty;
    }

    public static JsonElement Single(FakeWebhookReceiver receiver, string key)
        => Assert.Single(receiver.Items, i => i.TryGetProperty(key, out _));

    public static string[] Mids(FakeWebhookReceiver receiver)
        => receiver.Items.Select(i => i.GetProperty("message").GetProperty("mid").GetString()!).ToArray();
}
