using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Browser.Tests;

// The app under test, as small as a bot gets: a loopback Kestrel endpoint that answers Meta's handshake, verifies
// each delivery's signature over the raw bytes (401 when wrong), records the customer's events (messaging, standby
// and comment changes apart), and answers a
// quick reply or a postback through the emulator's Send API with a plain HttpClient. It also serves test images.
internal sealed class TestApp : IAsyncDisposable
{
    private readonly string _secret;
    private readonly string _verifyToken;
    private readonly HttpClient _graph;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly ConcurrentQueue<JsonElement> _standby = new();
    private readonly ConcurrentQueue<JsonElement> _changes = new();
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);
    private int _failNext;
    private WebApplication _app = null!;

    private TestApp(string secret, string verifyToken, Uri graphBase)
    {
        _secret = secret;
        _verifyToken = verifyToken;
        _graph = new HttpClient { BaseAddress = graphBase };
    }

    public Uri WebhookUrl { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    // The customer's events the app accepted (echoes left out), in arrival order.
    public IReadOnlyList<JsonElement> Events => _events.ToArray();

    public int Rejected { get; private set; }

    public static async Task<TestApp> StartAsync(string secret, string verifyToken, Uri graphBase)
    {
        var app = new TestApp(secret, verifyToken, graphBase);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app._app = builder.Build();
        app._app.Run(app.ServeAsync);
        await app._app.StartAsync();
        var address = app._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        app.WebhookUrl = new Uri(app.BaseAddress, "webhooks/instagram");
        return app;
    }

    // When the customer sends this payload (quick reply or postback), the app answers with this text.
    public void AnswerPayload(string payload, string text) => _answers[payload] = text;

    // The next deliveries are answered 500, as a crashing app would.
    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public Uri Image(string name, string color) => new(BaseAddress, $"img/{name}.png?c={Uri.EscapeDataString(color)}");

    // The business's Send API call, as any app makes it: the token in the header, or in the URL when asked.
    public async Task<(int Status, string Body)> SendAsync(string json, bool tokenInUrl = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v25.0/me/messages" + (tokenInUrl ? "?access_token=emulator-access-token" : string.Empty))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (!tokenInUrl)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "emulator-access-token");
        }

        using var response = await _graph.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> SendOkAsync(string json)
    {
        var (status, body) = await SendAsync(json);
        if (status != 200)
        {
            throw new InvalidOperationException($"The emulator refused a send the test expected to pass: {status} {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("message_id", out var mid) ? mid.GetString()! : string.Empty;
    }

    public Task<JsonElement> WaitForEventAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null) => WaitAsync(_events, match, timeout, "event");

    // Items of entry.standby[] (another app owns the thread) and entry.changes[] (comments, the dashboard Test).
    public Task<JsonElement> WaitForStandbyAsync(Func<JsonElement, bool> match) => WaitAsync(_standby, match, null, "standby item");

    public Task<JsonElement> WaitForChangeAsync(Func<JsonElement, bool> match) => WaitAsync(_changes, match, null, "change");

    private static async Task<JsonElement> WaitAsync(ConcurrentQueue<JsonElement> received, Func<JsonElement, bool> match, TimeSpan? timeout, string what)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var item in received)
            {
                if (match(item))
                {
                    return item;
                }
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The app never received the expected {what}. Received: " + string.Join(" | ", received.Select(e => e.GetRawText())));
    }

    public async ValueTask DisposeAsync()
    {
        _graph.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/img/", StringComparison.Ordinal))
        {
            // An image the page can load offline: an SVG served under a .png name, as a CDN would serve any bytes.
            var color = context.Request.Query["c"].ToString() is { Length: > 0 } c ? c : "#c13584";
            context.Response.ContentType = "image/svg+xml";
            await context.Response.WriteAsync($"""<svg xmlns="http://www.w3.org/2000/svg" width="320" height="400"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{WebUtility.HtmlEncode(color)}"/><stop offset="1" stop-color="#f9ce34"/></linearGradient></defs><rect width="320" height="400" fill="url(#g)"/><circle cx="160" cy="170" r="70" fill="#ffffff55"/></svg>""");
            return;
        }

        if (path != "/webhooks/instagram")
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            var query = context.Request.Query;
            var ok = query["hub.mode"] == "subscribe" && query["hub.verify_token"] == _verifyToken;
            context.Response.StatusCode = ok ? 200 : 403;
            await context.Response.WriteAsync(ok ? query["hub.challenge"].ToString() : string.Empty);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), body)).ToLowerInvariant();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(context.Request.Headers["X-Hub-Signature-256"].ToString()), Encoding.ASCII.GetBytes(expected)))
        {
            Rejected++;
            context.Response.StatusCode = 401;
            return;
        }

        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = 500;
            return;
        }

        using var document = JsonDocument.Parse(body);
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            foreach (var (name, queue) in new[] { ("standby", _standby), ("changes", _changes) })
            {
                if (entry.TryGetProperty(name, out var others))
                {
                    foreach (var other in others.EnumerateArray())
                    {
                        queue.Enqueue(other.Clone());
                    }
                }
            }

            if (!entry.TryGetProperty("messaging", out var items))
            {
                continue; // standby items and changes are recorded, never answered
            }

            foreach (var item in items.EnumerateArray())
            {
                if (item.TryGetProperty("message", out var message) && message.TryGetProperty("is_echo", out _))
                {
                    continue;
                }

                _events.Enqueue(item.Clone());
                var customer = item.GetProperty("sender").GetProperty("id").GetString()!;
                var payload = item.TryGetProperty("postback", out var postback) ? postback.GetProperty("payload").GetString()
                    : item.TryGetProperty("message", out var m) && m.TryGetProperty("quick_reply", out var reply) ? reply.GetProperty("payload").GetString()
                    : null;
                if (payload is not null && _answers.TryGetValue(payload, out var text))
                {
                    await SendOkAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["recipient"] = new Dictionary<string, string> { ["id"] = customer },
                        ["message"] = new Dictionary<string, string> { ["text"] = text },
                    }));
                }
            }
        }

        context.Response.StatusCode = 200;
    }
}
