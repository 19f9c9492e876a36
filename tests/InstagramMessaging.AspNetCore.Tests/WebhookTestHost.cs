using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.AspNetCore.Tests;

// A real app on Kestrel at 127.0.0.1 (port chosen by the OS) with the webhook endpoint mapped, the recording
// handler registered and every log line captured.
internal sealed class WebhookTestHost : IAsyncDisposable
{
    public const string Secret = "test-app-secret-3f9c2a";
    public const string VerifyToken = "verify-token-8b1d77";

    private readonly WebApplication _app;

    private WebhookTestHost(WebApplication app, HttpClient client, CapturedLogs logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public RecordedEvents Recorded => _app.Services.GetRequiredService<RecordedEvents>();

    public IServiceProvider Services => _app.Services;

    public static async Task<WebhookTestHost> StartAsync(
        Action<InstagramWebhookOptions>? configure = null,
        Action<InstagramWebhookBuilder>? handlers = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<RecordedEvents>();
        services?.Invoke(builder.Services);
        var webhooks = builder.Services.AddInstagramWebhooks(o =>
        {
            o.VerifyToken = VerifyToken;
            o.AppSecrets.Add(Secret);
            configure?.Invoke(o);
        });
        if (handlers is null)
        {
            webhooks.AddHandler<RecordingHandler>();
        }
        else
        {
            handlers(webhooks);
        }

        var app = builder.Build();
        app.MapInstagramWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookTestHost(app, new HttpClient { BaseAddress = new Uri(address) }, logs);
    }

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? signature = null, string secret = Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/instagram") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(InstagramWebhookSignature.HeaderName, signature ?? InstagramWebhookSignature.Compute(body, secret));
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostUnsignedAsync(HttpContent content)
        => Client.PostAsync("/webhooks/instagram", content);

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
