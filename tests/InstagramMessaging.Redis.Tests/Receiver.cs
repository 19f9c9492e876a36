using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Redis.Tests;

// One receiving instance: a real app on Kestrel at 127.0.0.1 with the webhook endpoint on Redis.
public sealed class Receiver : IAsyncDisposable
{
    public const string Secret = "redis-test-app-secret-51c0";
    public const string Account = "17841405822304914";

    private readonly WebApplication _app;

    private readonly string _name;

    private Receiver(WebApplication app, HttpClient client, string name)
    {
        _app = app;
        _name = name;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    internal RedisWebhookQueue Queue => _app.Services.GetRequiredService<RedisWebhookQueue>();

    public static async Task<Receiver> StartAsync(string name, string configuration, string prefix, HandledEvents events, Action<RedisWebhookOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(events);
        builder.Services.AddSingleton(new ReceiverName(name));
        builder.Services
            .AddInstagramWebhooks(o =>
            {
                o.AppSecrets.Add(Secret);
                o.ShutdownDrainTimeout = TimeSpan.FromSeconds(1);
            })
            .AddHandler<ReceiverHandler>()
            .UseRedis(o =>
            {
                o.Configuration = configuration;
                o.KeyPrefix = prefix;
                o.Partitions = 8;
                o.LeaseDuration = TimeSpan.FromMilliseconds(900);
                o.RetryDelay = TimeSpan.FromMilliseconds(300);
                o.PollInterval = TimeSpan.FromMilliseconds(20);
                configure?.Invoke(o);
            });
        var app = builder.Build();
        app.MapInstagramWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Receiver(app, new HttpClient { BaseAddress = new Uri(address) }, name);
    }

    // Waits until this instance holds every partition and has handled one event of its own (mid "warm-<name>"), so
    // a timing assertion that follows measures the queue, not the first lease round or the first JIT of each path.
    public async Task WarmUpAsync(HandledEvents events)
    {
        var mid = "warm-" + _name;
        await WebhookQueueTests.WaitUntil(() => Queue.HeldPartitions == Queue.PartitionCount, "the receiver to hold every partition", TimeSpan.FromSeconds(20));
        var response = await PostAsync(Delivery(Message("warm-up", mid, "warm up", 1781520000000)));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The warm-up delivery got {(int)response.StatusCode}.");
        }

        await WebhookQueueTests.WaitUntil(() => events.HandledAll([mid]), "the warm-up event to be handled", TimeSpan.FromSeconds(20));
    }

    public static string Message(string customer, string mid, string text, long timestamp)
        => "{\"sender\":{\"id\":\"" + customer + "\"},\"recipient\":{\"id\":\"" + Account + "\"},\"timestamp\":" + timestamp.ToString(CultureInfo.InvariantCulture)
            + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}";

    public static byte[] Delivery(params string[] items)
        => Encoding.UTF8.GetBytes("{\"object\":\"instagram\",\"entry\":[" + string.Join(",", items.Select(i => "{\"time\":1781520016812,\"id\":\"" + Account + "\",\"messaging\":[" + i + "]}")) + "]}");

    public Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/instagram") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(InstagramWebhookSignature.HeaderName, InstagramWebhookSignature.Compute(body, Secret));
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
