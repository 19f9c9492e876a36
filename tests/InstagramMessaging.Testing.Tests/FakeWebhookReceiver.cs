using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
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

namespace InstagramMessaging.Testing.Tests;

// A tiny webhook receiver written for these tests, independent of the emulator's code: it checks the signature with
// its own HMAC over the raw bytes, answers the handshake, records every POST, and answers as scripted.
internal sealed class FakeWebhookReceiver : IAsyncDisposable
{
    private readonly string _secret;
    private readonly string _verifyToken;
    private readonly ConcurrentQueue<Func<Task<int>>> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _answered = new();
    private WebApplication? _app;

    public FakeWebhookReceiver(string secret, string verifyToken)
    {
        _secret = secret;
        _verifyToken = verifyToken;
    }

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    // Only the POSTs whose signature checked out, which a correct app would process.
    public IReadOnlyList<ReceivedWebhook> Accepted => _received.Where(r => r.SignatureValid).ToArray();

    // Every messaging item of every accepted POST, in arrival order.
    public IReadOnlyList<JsonElement> Items => Accepted.SelectMany(r => r.Items).ToArray();

    // The POSTs already answered (their status decided, any scripted delay over), in the order they were answered.
    public IReadOnlyList<ReceivedWebhook> Answered => _answered.ToArray();

    public Uri? Url { get; private set; }

    // Answers the next POSTs with these statuses, in order; 200 after the script runs out.
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(() => Task.FromResult(status));
        }
    }

    // Answers the next POST 200 only after a delay (to make the sender time out).
    public void AnswerLate(TimeSpan delay) => _script.Enqueue(async () =>
    {
        await Task.Delay(delay);
        return 200;
    });

    public static async Task<FakeWebhookReceiver> StartAsync(string secret, string verifyToken)
    {
        var receiver = new FakeWebhookReceiver(secret, verifyToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(receiver.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver._app = app;
        receiver.Url = new Uri(address.TrimEnd('/') + "/webhooks/instagram");
        return receiver;
    }

    // The same receiver without a socket, for DeliverTo(HttpClient).
    public HttpClient CreateInProcessClient() => new(new InProcessHandler(this)) { BaseAddress = new Uri("http://app.test/") };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var (status, body) = await HandleAsync(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, buffer.ToArray());
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(body);
    }

    private async Task<(int Status, string Body)> HandleAsync(string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        if (!pathAndQuery.StartsWith("/webhooks/instagram", StringComparison.Ordinal))
        {
            return (404, string.Empty);
        }

        if (method == "GET")
        {
            var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + pathAndQuery).Query);
            return query["hub.mode"] == "subscribe" && query["hub.verify_token"] == _verifyToken
                ? (200, query["hub.challenge"] ?? string.Empty)
                : (403, string.Empty);
        }

        var valid = headers.TryGetValue("X-Hub-Signature-256", out var signature)
            && signature == "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), body)).ToLowerInvariant();
        var received = new ReceivedWebhook(body, headers, valid);
        _received.Enqueue(received);
        var status = !valid ? 401 : _script.TryDequeue(out var next) ? await next() : 200;
        _answered.Enqueue(received);
        return (status, string.Empty);
    }

    private sealed class InProcessHandler(FakeWebhookReceiver receiver) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            var (status, text) = await receiver.HandleAsync(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body).WaitAsync(cancellationToken);
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(text), RequestMessage = request };
        }
    }
}
