using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// Generated SendAsync through the whole production pipeline (DI typed client, retry pipeline, rate limiter set
/// high, logging, metrics listened to) against a raw HttpClient posting the same pre-built bytes, both to one
/// loopback server that answers like Meta.
/// </summary>
public static class SendOverhead
{
    private static readonly byte[] s_answer = """{"recipient_id":"1254459154682919","message_id":"m_benchmark"}"""u8.ToArray();

    public static async Task<IReadOnlyList<(int Concurrency, Interleaved.Result Result, double BytesPerSendOurs, double BytesPerSendRaw)>> RunAsync(int requestsPerRound = 2000)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(s_answer);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

        using var meterListener = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == InstagramTelemetry.Name) l.EnableMeasurementEvents(i); } };
        meterListener.Start();

        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Information));
        services.AddInstagramMessaging(o =>
        {
            o.AccessToken = "benchmark-token";
            o.BaseAddress = address;
            o.TextMessagesPerSecond = 10_000_000;
        });
        await using var provider = services.BuildServiceProvider();
        var messenger = provider.GetRequiredService<InstagramMessenger>();
        var message = new TextMessage("Your order #1042 is on its way!");
        var recipient = Recipient.Id("1254459154682919");

        using var raw = new HttpClient(new SocketsHttpHandler());
        var uri = new Uri(address, "v25.0/me/messages");
        var body = new ArrayBufferWriter<byte>();
        message.WriteTo(body, recipient);
        var bytes = body.WrittenSpan.ToArray();
        var json = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        async Task Raw()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = json;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "benchmark-token");
            using var response = await raw.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }

        Task Ours() => message.SendAsync(messenger, recipient);
        var plain = new InstagramMessenger(new HttpClient(new SocketsHttpHandler()), new InstagramMessengerOptions { AccessToken = "benchmark-token", BaseAddress = address, TextMessagesPerSecond = 10_000_000 }, rateLimiter: new InstagramRateLimiter(10_000_000, 10_000_000));
        Task Plain() => message.SendAsync(plain, recipient);

        var results = new List<(int, Interleaved.Result, double, double)>();
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            Func<Task> Load(Func<Task> send) => () => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (var i = 0; i < requestsPerRound / concurrency; i++)
                {
                    await send();
                }
            }));

            var result = await Interleaved.CompareAsync("raw HttpClient", new Dictionary<string, Func<Task>>
            {
                ["raw HttpClient"] = Load(Raw),
                ["generated SendAsync, full pipeline"] = Load(Ours),
                ["generated SendAsync, messenger over a plain HttpClient"] = Load(Plain),
            });
            Console.WriteLine($"  (concurrency {concurrency}: without IHttpClientFactory's handlers {result.Single(r => r.Candidate.Contains("plain")).MedianSpeedup:0.00}x, {await AllocatedPerSend(Plain) - await AllocatedPerSend(Raw):0} B extra)");
            results.Add((concurrency, result.Single(r => r.Candidate.Contains("full")), await AllocatedPerSend(Ours), await AllocatedPerSend(Raw)));
        }

        await app.StopAsync();
        return results;
    }

    private static async Task<double> AllocatedPerSend(Func<Task> send)
    {
        for (var i = 0; i < 200; i++)
        {
            await send();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        const int sends = 1000;
        for (var i = 0; i < sends; i++)
        {
            await send();
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)sends;
    }
}
