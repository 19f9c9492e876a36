using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
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
/// loopback server that answers like Meta. The server runs in a child process, so the CPU time and the bytes
/// allocated measured here are the client's alone.
/// </summary>
public static class SendOverhead
{
    private static readonly byte[] s_answer = """{"recipient_id":"1254459154682919","message_id":"m_benchmark"}"""u8.ToArray();

    public sealed record Figures(
        int Concurrency,
        Interleaved.Result Throughput,
        Interleaved.Result CpuPerSend,
        double RawCpuMicroseconds,
        double OursCpuMicroseconds,
        double BytesOurs,
        double BytesRaw,
        Interleaved.Result PlainThroughput,
        double BytesPlain);

    /// <summary>The child process: a loopback Kestrel answering like Meta; prints its address, stops when stdin closes.</summary>
    public static async Task ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = s_answer.Length;
            await context.Response.Body.WriteAsync(s_answer);
        });
        await app.StartAsync();
        Console.WriteLine(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    public static async Task<IReadOnlyList<Figures>> RunAsync(int requestsPerRound = 4000)
    {
        await using var bench = await Bench.StartAsync();

        // Steady state first: every sender at concurrency 8 until tiered compilation has settled (the messenger has
        // more code of its own to tier up than the raw client, so an early round measures the JIT).
        var warmUp = new[] { Load(bench.Raw, 8, 1000), Load(bench.Ours, 8, 1000), Load(bench.Plain, 8, 1000) };
        await JitSettling.WarmUpAsync(
            async () =>
            {
                foreach (var sender in warmUp)
                {
                    await sender();
                }
            },
            TimeSpan.FromSeconds(60));

        var results = new List<Figures>();
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            var candidates = new Dictionary<string, Func<Task>>
            {
                ["raw"] = Load(bench.Raw, concurrency, requestsPerRound),
                ["ours"] = Load(bench.Ours, concurrency, requestsPerRound),
                ["plain"] = Load(bench.Plain, concurrency, requestsPerRound),
            };
            var (wall, cpu, cpuPerRound) = await CompareAsync("raw", candidates);
            results.Add(new Figures(
                concurrency,
                wall.Single(r => r.Candidate == "ours"),
                cpu.Single(r => r.Candidate == "ours"),
                cpuPerRound["raw"] * 1000 / requestsPerRound,
                cpuPerRound["ours"] * 1000 / requestsPerRound,
                await AllocatedPerSend(bench.Ours),
                await AllocatedPerSend(bench.Raw),
                wall.Single(r => r.Candidate == "plain"),
                await AllocatedPerSend(bench.Plain)));
        }

        return results;
    }

    /// <summary>
    /// The client's own work, without a socket: the same three senders over a canned handler (every send completes
    /// synchronously on this thread), in interleaved rounds timed by this thread's CPU time, which other processes
    /// on a busy machine do not inflate the way they do wall time. Returns the median CPU ns per send, the median
    /// per-round ratio raw / candidate (above 1: cheaper than raw) and the bytes per send.
    /// </summary>
    public static IReadOnlyList<(string Name, double Nanoseconds, Interleaved.Result Ratio, double Bytes)> InProcess(int rounds = 21, int callsPerRound = 20_000)
    {
        var senders = Senders(new Uri("http://127.0.0.1:1/"), () => new CannedGraphHandler(s_answer), out var owned, canned: true);
        try
        {
            var actions = senders.ToDictionary(s => s.Key, s => (Action)(() => s.Value().GetAwaiter().GetResult()));
            var names = actions.Keys.ToArray();
            var cpu = names.ToDictionary(n => n, _ => new List<double>());
            foreach (var action in actions.Values)
            {
                for (var i = 0; i < callsPerRound; i++)
                {
                    action();
                }
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < names.Length; i++)
                {
                    var name = names[(i + round) % names.Length];
                    var action = actions[name];
                    var before = CpuTime.CurrentThread();
                    for (var call = 0; call < callsPerRound; call++)
                    {
                        action();
                    }

                    cpu[name].Add((CpuTime.CurrentThread() - before).TotalMilliseconds * 1e6 / callsPerRound);
                }
            }

            return names.Select(n =>
            {
                var ratios = cpu["raw"].Zip(cpu[n], (b, c) => b / c).OrderBy(r => r).ToArray();
                var median = cpu[n].OrderBy(v => v).ElementAt(rounds / 2);
                return (n, median, new Interleaved.Result(n, ratios[rounds / 2], ratios[0], ratios[^1]), Interleaved.AllocatedPerCall(actions[n]));
            }).ToArray();
        }
        finally
        {
            foreach (var disposable in owned)
            {
                disposable.Dispose();
            }
        }
    }

    /// <summary>
    /// For a profiler: the full pipeline alone at one concurrency for a while (attach dotnet-trace to this process),
    /// then the allocation profile of the same load (GC allocation ticks, about one per 100 KB, by type).
    /// </summary>
    public static async Task ProfileAsync(int concurrency, TimeSpan duration, bool raw, bool canned)
    {
        await using var bench = canned ? null : await Bench.StartAsync();
        List<IDisposable>? owned = null;
        var send = canned
            ? Senders(new Uri("http://127.0.0.1:1/"), () => new CannedGraphHandler(s_answer), out owned, canned: true)[raw ? "raw" : "ours"]
            : raw ? bench!.Raw : bench!.Ours;
        var load = Load(send, concurrency, 2000);
        await JitSettling.WarmUpAsync(load, TimeSpan.FromSeconds(60));
        Console.WriteLine($"profiling pid {Environment.ProcessId}: {(raw ? "raw HttpClient" : "full pipeline")}, concurrency {concurrency}, {duration.TotalSeconds} s");
        var watch = Stopwatch.StartNew();
        var rounds = 0;
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), CpuTime.Process());
        var (workItems, switches) = (System.Threading.ThreadPool.CompletedWorkItemCount, CpuTime.ContextSwitches());
        while (watch.Elapsed < duration)
        {
            await load();
            rounds++;
        }

        var sent = rounds * 2000.0;
        var switchesAfter = CpuTime.ContextSwitches();
        Console.WriteLine($"{sent / watch.Elapsed.TotalSeconds:0} sends/s, {(CpuTime.Process() - gcs.Item5).TotalMilliseconds * 1000 / sent:0.0} us CPU, {(System.Threading.ThreadPool.CompletedWorkItemCount - workItems) / sent:0.00} thread-pool work items, {(switchesAfter.Voluntary - switches.Voluntary) / sent:0.00} + {(switchesAfter.Involuntary - switches.Involuntary) / sent:0.00} context switches per send (this process); per 100,000 sends: "
            + $"{(GC.CollectionCount(0) - gcs.Item1) * 1e5 / sent:0.0} gen0, {(GC.CollectionCount(1) - gcs.Item2) * 1e5 / sent:0.0} gen1, {(GC.CollectionCount(2) - gcs.Item3) * 1e5 / sent:0.0} gen2 collections, "
            + $"{(GC.GetTotalPauseDuration() - gcs.Item4).TotalMilliseconds * 1e5 / sent:0.0} ms GC pause");
        using var ticks = new AllocationTicks();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 50; i++)
        {
            await load();
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"allocated {bytes / (50.0 * 2000):0} B per send; sampled types (share of ticks):");
        foreach (var (type, share) in ticks.Shares().Take(25))
        {
            Console.WriteLine($"  {share,6:P1}  ~{share * bytes / (50.0 * 2000),5:0} B/send  {type}");
        }

        owned?.ForEach(o => o.Dispose());
    }

    private static Func<Task> Load(Func<Task> send, int concurrency, int requests) => () => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        for (var i = 0; i < requests / concurrency; i++)
        {
            await send();
        }
    }));

    // Interleaved rounds timing wall clock and this process's CPU time; ratios are baseline / candidate, so above
    // 1 means the candidate is faster or cheaper.
    private static async Task<(IReadOnlyList<Interleaved.Result> Wall, IReadOnlyList<Interleaved.Result> Cpu, Dictionary<string, double> CpuMsPerRound)> CompareAsync(string baseline, Dictionary<string, Func<Task>> candidates, int rounds = 9)
    {
        foreach (var candidate in candidates.Values)
        {
            await candidate();
        }

        var wall = candidates.Keys.ToDictionary(k => k, _ => new List<double>());
        var cpu = candidates.Keys.ToDictionary(k => k, _ => new List<double>());
        var names = candidates.Keys.ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[(i + round) % names.Length];
                var cpuBefore = CpuTime.Process();
                var watch = Stopwatch.StartNew();
                await candidates[name]();
                wall[name].Add(watch.Elapsed.TotalMilliseconds);
                cpu[name].Add((CpuTime.Process() - cpuBefore).TotalMilliseconds);
            }
        }

        IReadOnlyList<Interleaved.Result> Ratios(Dictionary<string, List<double>> times) => names.Where(n => n != baseline).Select(n =>
        {
            var ratios = times[baseline].Zip(times[n], (b, c) => b / c).OrderBy(r => r).ToArray();
            return new Interleaved.Result(n, ratios[ratios.Length / 2], ratios[0], ratios[^1]);
        }).ToArray();

        return (Ratios(wall), Ratios(cpu), cpu.ToDictionary(c => c.Key, c => c.Value.OrderBy(v => v).ElementAt(c.Value.Count / 2)));
    }

    private static async Task<double> AllocatedPerSend(Func<Task> send)
    {
        for (var i = 0; i < 200; i++)
        {
            await send();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        const int sends = 2000;
        for (var i = 0; i < sends; i++)
        {
            await send();
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)sends;
    }

    // The three ways of sending: a raw HttpClient posting pre-built bytes with the bearer header; the generated
    // SendAsync through the DI typed client with logging, the meter listened to and the limiter set high; the same
    // over a plain HttpClient (no IHttpClientFactory handlers).
    // `canned`: the typed client's primary handler too (over sockets it keeps the factory's default).
    private static Dictionary<string, Func<Task>> Senders(Uri address, Func<HttpMessageHandler> handler, out List<IDisposable> owned, bool canned = false)
    {
        owned = new List<IDisposable>();
        var meterListener = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == InstagramTelemetry.Name) l.EnableMeasurementEvents(i); } };
        meterListener.Start();
        owned.Add(meterListener);

        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Information));
        var client = services.AddInstagramMessaging(o =>
        {
            o.AccessToken = "benchmark-token";
            o.BaseAddress = address;
            o.TextMessagesPerSecond = 10_000_000;
        });
        if (canned)
        {
            client.ConfigurePrimaryHttpMessageHandler(handler);
        }

        var provider = services.BuildServiceProvider();
        owned.Add(provider);
        var messenger = provider.GetRequiredService<InstagramMessenger>();
        var message = new TextMessage("Your order #1042 is on its way!");
        var recipient = Recipient.Id("1254459154682919");

        var raw = new HttpClient(handler());
        owned.Add(raw);
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

        var plainHttp = new HttpClient(handler());
        owned.Add(plainHttp);
        var plain = new InstagramMessenger(plainHttp, new InstagramMessengerOptions { AccessToken = "benchmark-token", BaseAddress = address, TextMessagesPerSecond = 10_000_000 }, rateLimiter: new InstagramRateLimiter(10_000_000, 10_000_000));
        return new Dictionary<string, Func<Task>>
        {
            ["raw"] = Raw,
            ["ours"] = () => message.SendAsync(messenger, recipient),
            ["plain"] = () => message.SendAsync(plain, recipient),
        };
    }

    // The client side of the loopback benchmark: the server child process and the three ways of sending.
    private sealed class Bench : IAsyncDisposable
    {
        private readonly List<IDisposable> _owned = new();
        private Process _server = null!;

        public Func<Task> Raw { get; private set; } = null!;

        public Func<Task> Ours { get; private set; } = null!;

        public Func<Task> Plain { get; private set; } = null!;

        public static async Task<Bench> StartAsync()
        {
            var bench = new Bench();
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            }

            start.ArgumentList.Add("send-server");
            bench._server = Process.Start(start)!;
            var address = new Uri((await bench._server.StandardOutput.ReadLineAsync())!);

            var senders = Senders(address, () => new SocketsHttpHandler(), out var owned);
            bench._owned.AddRange(owned);
            bench.Raw = senders["raw"];
            bench.Ours = senders["ours"];
            bench.Plain = senders["plain"];
            return bench;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            _server.StandardInput.Close();
            if (!_server.WaitForExit(5000))
            {
                _server.Kill();
            }

            _server.Dispose();
        }
    }
}
