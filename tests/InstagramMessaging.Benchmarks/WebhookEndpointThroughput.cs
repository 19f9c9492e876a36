using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// The webhook endpoint (signature, parse, dedupe, queue, 200; the dispatcher calling a no-op handler on the same
/// cores) against a minimal endpoint on the same Kestrel that only reads the body and answers 200. Every request
/// carries a distinct signed one-message delivery, so none is dropped as a duplicate.
/// </summary>
public static class WebhookEndpointThroughput
{
    private const string Secret = "benchmark-app-secret";

    public sealed record Figures(int Concurrency, Interleaved.Result Throughput, Interleaved.Result CpuPerRequest, double MinimalCpuMicroseconds, double OursCpuMicroseconds);

    public static async Task<IReadOnlyList<Figures>> RunAsync(int requestsPerRound = 2000, int rounds = 15)
    {
        await using var bench = await Bench.StartAsync();

        // Steady state: both sides serve requests (at concurrency 8) until tiered compilation has moved their code to
        // optimized tier 1 and stopped; on a loaded 2-core machine that takes seconds, and the endpoint has more code
        // of its own to compile than the minimal route, so a short warm-up measures the JIT, not the endpoint.
        var warmUpMinimal = bench.Load(bench.Minimal, 8, 2000);
        var warmUpOurs = bench.Load(bench.Ours, 8, 2000);
        await JitSettling.WarmUpAsync(
            async () =>
            {
                bench.Prepare(4000);
                await warmUpMinimal();
                await warmUpOurs();
            },
            TimeSpan.FromSeconds(60));

        var results = new List<Figures>();
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            bench.Prepare(requestsPerRound * (rounds + 1) * 2);
            results.Add(await CompareAsync(concurrency, bench.Load(bench.Minimal, concurrency, requestsPerRound), bench.Load(bench.Ours, concurrency, requestsPerRound), rounds, requestsPerRound));
        }

        await bench.App.StopAsync();
        Console.WriteLine($"  ({bench.Handled.Value} events handled, {bench.Failures} non-200 answers)");
        return results;
    }

    /// <summary>
    /// The endpoint's steps over loopback, interleaved in the same rounds (each round runs every route once, in a
    /// rotating order): the minimal endpoint, then read, verify, parse and the dedupe store cumulatively, then the
    /// endpoint itself (which adds the queue, the dispatcher and the handler). Prints the median process CPU time per
    /// request of each and its difference from the step before: where the endpoint's extra cost per request goes.
    /// </summary>
    public static async Task StepsAsync(int concurrency, int requestsPerRound = 4000, int rounds = 31)
    {
        await using var bench = await Bench.StartAsync();
        string[] routes = ["/minimal", "/read", "/verify", "/parse", "/dedupe", "/webhooks/instagram"];
        var loads = routes.Select(r => bench.Load(new Uri(bench.Minimal, r), concurrency, requestsPerRound)).ToArray();
        await JitSettling.WarmUpAsync(
            async () =>
            {
                bench.Prepare(requestsPerRound * routes.Length);
                foreach (var load in loads)
                {
                    await load();
                }
            },
            TimeSpan.FromSeconds(60));

        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = routes.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            bench.Prepare(requestsPerRound * routes.Length);
            for (var k = 0; k < routes.Length; k++)
            {
                var index = (k + round) % routes.Length;
                cpu[index].Add((await MeasureAsync(process, loads[index])).Cpu * 1000 / requestsPerRound);
            }
        }

        var medians = cpu.Select(c => c.Order().ElementAt(c.Count / 2)).ToArray();
        Console.WriteLine($"Webhook steps at concurrency {concurrency}: process CPU per request, median of {rounds} interleaved rounds (client and server)");
        for (var k = 0; k < routes.Length; k++)
        {
            Console.WriteLine($"  {routes[k],-20} {medians[k],6:0.0} us" + (k == 0 ? string.Empty : $"  (+{medians[k] - medians[k - 1]:0.0} us over {routes[k - 1]}; {medians[0] / medians[k]:0.00}x of minimal)"));
        }
    }

    /// <summary>
    /// For a profiler (perf with DOTNET_PerfMapEnabled=1): posts to one side ("ours" or "minimal") at one concurrency
    /// for a while, and prints the process's CPU time per request.
    /// </summary>
    public static async Task LoopAsync(string side, int concurrency, TimeSpan duration)
    {
        const int batch = 2000;
        await using var bench = await Bench.StartAsync();
        var uri = side switch
        {
            "minimal" => bench.Minimal,
            "ours" => bench.Ours,
            _ => new Uri(bench.Minimal, "/" + side),
        };
        var load = bench.Load(uri, concurrency, batch);

        // Warm up past tiered compilation, then measure (signing each batch's bodies is left out of the figures).
        await JitSettling.WarmUpAsync(
            async () =>
            {
                bench.Prepare(batch);
                await load();
            },
            TimeSpan.FromSeconds(60));

        Console.WriteLine($"warmed up; measuring {side} at {concurrency}");
        var (cpu, wall, workItems, allocated, paused) = (TimeSpan.Zero, TimeSpan.Zero, 0L, 0L, TimeSpan.Zero);
        var (voluntary, involuntary) = (0L, 0L);
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var requests = 0;
        while (wall < duration)
        {
            bench.Prepare(batch);
            var switchesBefore = CpuTime.ContextSwitches();
            var (cpuBefore, workItemsBefore, allocatedBefore, pausedBefore) = (CpuTime.Process(), ThreadPool.CompletedWorkItemCount, GC.GetTotalAllocatedBytes(precise: false), GC.GetTotalPauseDuration());
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await load();
            wall += watch.Elapsed;
            cpu += CpuTime.Process() - cpuBefore;
            var switchesAfter = CpuTime.ContextSwitches();
            voluntary += switchesAfter.Voluntary - switchesBefore.Voluntary;
            involuntary += switchesAfter.Involuntary - switchesBefore.Involuntary;
            workItems += ThreadPool.CompletedWorkItemCount - workItemsBefore;
            allocated += GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            paused += GC.GetTotalPauseDuration() - pausedBefore;
            requests += batch;
        }

        Console.WriteLine($"{side} at {concurrency}: {requests / wall.TotalSeconds:0} requests/s, {cpu.TotalMilliseconds * 1000 / requests:0.0} us CPU per request, {workItems / (double)requests:0.00} thread-pool work items, {voluntary / (double)requests:0.00} + {involuntary / (double)requests:0.00} context switches (waits + preemptions) and {allocated / requests:0} bytes allocated per request (client and server), GC pauses {paused.TotalMilliseconds * 1000 / requests:0.0} us per request, collections {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} (signing included), {ThreadPool.ThreadCount} pool threads, {bench.Failures} non-200");

        // Then a sampled allocation profile of the same load (client and server, signing left out).
        bench.Prepare(batch * 20);
        using var ticks = new AllocationTicks();
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 20; i++)
        {
            await load();
        }

        var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / (20.0 * batch);
        Console.WriteLine($"allocated {perRequest:0} B per request; sampled types (share of ticks):");
        foreach (var (type, share) in ticks.Shares().Take(30))
        {
            Console.WriteLine($"  {share,6:P1}  ~{share * perRequest,5:0} B/request  {type}");
        }
    }

    /// <summary>
    /// The server's own work per request up to its answer, without sockets or client: both request delegates called
    /// one after the other on one thread with an in-memory request (every await completes synchronously, checked).
    /// Interleaved rounds timed by that thread's CPU time, which other processes on a busy machine do not inflate; the
    /// dispatcher and the no-op handler run on pool threads after each answer and are not in the figure (each round
    /// of the endpoint waits for them, so they do not run into the next round). Bytes allocated on that thread.
    /// </summary>
    public static async Task<(Interleaved.Result Time, double MinimalMicroseconds, double OursMicroseconds, double MinimalBytes, double OursBytes)> ServerSideAsync(int perRound = 2000, int rounds = 15)
    {
        await using var bench = await Bench.StartAsync();
        var endpoints = ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)bench.App).DataSources.SelectMany(d => d.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().ToArray();
        RequestDelegate Find(string path) => endpoints.Single(e => e.RoutePattern.RawText == path).RequestDelegate!;
        var ours = Find("/webhooks/instagram");
        var minimal = Find("/minimal");

        async Task<(double Microseconds, double Bytes)> RoundAsync(RequestDelegate target)
        {
            var handled = target == ours ? Volatile.Read(ref bench.Handled.Value) + perRound : 0;
            var thread = Environment.CurrentManagedThreadId;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuTime.NowMilliseconds();
            for (var i = 0; i < perRound; i++)
            {
                var (body, signature) = bench.NextBody();
                var context = new DefaultHttpContext();
                context.Request.Method = "POST";
                context.Request.ContentLength = body.Length;
                context.Request.Body = new System.IO.MemoryStream(body, writable: false);
                context.Request.Headers[InstagramWebhookSignature.HeaderName] = signature;
                context.Response.Body = System.IO.Stream.Null;
                await target(context);
                if (context.Response.StatusCode != 200)
                {
                    throw new InvalidOperationException($"answered {context.Response.StatusCode}");
                }
            }

            var spent = ThreadCpuTime.NowMilliseconds() - cpu;
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)perRound;
            if (Environment.CurrentManagedThreadId != thread)
            {
                throw new InvalidOperationException("A request delegate went asynchronous: the thread's CPU time no longer covers the round.");
            }

            while (Volatile.Read(ref bench.Handled.Value) < handled)
            {
                Thread.Sleep(1); // waits without spending CPU time, which is what is measured
            }

            return (spent * 1000 / perRound, bytes);
        }

        await JitSettling.WarmUpAsync(
            async () =>
            {
                bench.Prepare(perRound * 2);
                await RoundAsync(minimal);
                await RoundAsync(ours);
            },
            TimeSpan.FromSeconds(60));
        bench.Prepare(perRound * rounds * 2);
        var m = new List<(double Microseconds, double Bytes)>();
        var o = new List<(double Microseconds, double Bytes)>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                m.Add(await RoundAsync(minimal));
                o.Add(await RoundAsync(ours));
            }
            else
            {
                o.Add(await RoundAsync(ours));
                m.Add(await RoundAsync(minimal));
            }
        }

        // The endpoint's steps, cumulatively (read the body; and verify; and parse), in the same way, to bisect a cost.
        var parts = new[] { "/read", "/verify", "/parse" }.ToDictionary(p => p, _ => new List<double>());
        bench.Prepare(perRound * rounds * parts.Count);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var part in parts.Keys.Skip(round % parts.Count).Concat(parts.Keys.Take(round % parts.Count)))
            {
                parts[part].Add((await RoundAsync(Find(part))).Microseconds);
            }
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        Console.WriteLine($"  (steps up to the answer, thread CPU per request: {string.Join(", ", parts.Select(p => $"{p.Key.TrimStart('/')} {Median(p.Value):0.00} us"))}; minimal {Median(m.Select(x => x.Microseconds)):0.00} us, the endpoint {Median(o.Select(x => x.Microseconds)):0.00} us)");
        var ratios = m.Zip(o, (a, b) => a.Microseconds / b.Microseconds).Order().ToArray();
        return (new Interleaved.Result("server side", ratios[ratios.Length / 2], ratios[0], ratios[^1]), Median(m.Select(x => x.Microseconds)), Median(o.Select(x => x.Microseconds)), Median(m.Select(x => x.Bytes)), Median(o.Select(x => x.Bytes)));
    }

    private static async Task ReadPartsAsync(HttpContext context, bool verify, bool parse, IInstagramWebhookDedupeStore? dedupe = null)
    {
        var length = (int)context.Request.ContentLength!.Value;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length + 1);
        var read = 0;
        int n;
        while ((n = await context.Request.Body.ReadAsync(buffer.AsMemory(read))) > 0)
        {
            read += n;
        }

        if (verify && InstagramWebhookSignature.FindMatchingSecret(buffer.AsSpan(0, read), context.Request.Headers[InstagramWebhookSignature.HeaderName], [Secret]) < 0)
        {
            context.Response.StatusCode = 401;
        }
        else
        {
            if (parse)
            {
                var delivery = InstagramWebhookParser.Parse(buffer.AsSpan(0, read));
                if (dedupe is not null)
                {
                    foreach (var webhookEvent in delivery.Events)
                    {
                        var key = webhookEvent.DedupeKey;
                        if (!await dedupe.ContainsAsync(key, default))
                        {
                            await dedupe.TryMarkAsync(key, TimeSpan.FromHours(48), default);
                        }
                    }
                }
            }

            context.Response.StatusCode = 200;
        }

        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
    }

    private sealed class Bench : IAsyncDisposable
    {
        private (byte[] Body, string Signature)[] _bodies = [];
        private int _next = -1;
        private int _signed;
        private int _failures;

        public required WebApplication App { get; init; }

        public required HttpClient Client { get; init; }

        public required Uri Ours { get; init; }

        public required Uri Minimal { get; init; }

        public required CountingHandler.Counter Handled { get; init; }

        public int Failures => Volatile.Read(ref _failures);

        public static async Task<Bench> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Services.AddInstagramWebhooks(o =>
            {
                o.AppSecrets.Add(Secret);
                o.QueueCapacity = 1_000_000;
            }).AddHandler<CountingHandler>();
            builder.Services.AddSingleton<CountingHandler.Counter>();
            var app = builder.Build();
            app.MapInstagramWebhooks();

            // The minimal endpoint: reads the whole body and answers 200; no signature, parse, dedupe, queue or handler.
            app.MapPost("/minimal", new RequestDelegate(async context =>
            {
                await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
                context.Response.StatusCode = 200;
            }));
            // Parts of the endpoint alone, to bisect a cost: read into a pooled buffer, then verify, then parse, then the dedupe
            // store's check and mark (the endpoint's own store: every body is a new event, so the two never meet).
            app.MapPost("/read", new RequestDelegate(async context => await ReadPartsAsync(context, verify: false, parse: false)));
            app.MapPost("/verify", new RequestDelegate(async context => await ReadPartsAsync(context, verify: true, parse: false)));
            app.MapPost("/parse", new RequestDelegate(async context => await ReadPartsAsync(context, verify: true, parse: true)));
            var dedupe = app.Services.GetRequiredService<IInstagramWebhookDedupeStore>();
            app.MapPost("/dedupe", new RequestDelegate(async context => await ReadPartsAsync(context, verify: true, parse: true, dedupe)));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new Bench
            {
                App = app,
                Client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = address },
                Ours = new Uri(address, "/webhooks/instagram"),
                Minimal = new Uri(address, "/minimal"),
                Handled = app.Services.GetRequiredService<CountingHandler.Counter>(),
            };
        }

        public Func<Task> Load(Uri uri, int concurrency, int requests) => () => Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = 0; i < requests / concurrency; i++)
            {
                await PostAsync(uri);
            }
        }));

        // The next phase's bodies, each a new event (numbered on from the last phase's), signed before it is timed; the
        // last phase's are let go, so the heap does not hold every body of a long run.
        public void Prepare(int count)
        {
            _bodies = Signed(_signed, count);
            _signed += count;
            Volatile.Write(ref _next, -1);
        }

        public (byte[] Body, string Signature) NextBody()
        {
            var index = Interlocked.Increment(ref _next);
            return index < _bodies.Length ? _bodies[index] : throw new InvalidOperationException($"The benchmark used more than the {_bodies.Length} bodies it prepared: a repeat would be answered as a duplicate.");
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.DisposeAsync();
        }

        private async Task PostAsync(Uri uri)
        {
            var (body, signature) = NextBody();
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(InstagramWebhookSignature.HeaderName, signature);
            using var response = await Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }

    // Interleaved rounds (alternating which side goes first), timing both wall clock and the process's CPU time: the
    // machine is shared, and CPU per request is what sets throughput once the cores are busy.
    private static async Task<Figures> CompareAsync(int concurrency, Func<Task> minimal, Func<Task> ours, int rounds, int requests)
    {
        await minimal();
        await ours();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var wall = new List<(double Minimal, double Ours)>();
        var cpu = new List<(double Minimal, double Ours)>();
        for (var round = 0; round < rounds; round++)
        {
            (double Wall, double Cpu) m, o;
            if (round % 2 == 0)
            {
                m = await MeasureAsync(process, minimal);
                o = await MeasureAsync(process, ours);
            }
            else
            {
                o = await MeasureAsync(process, ours);
                m = await MeasureAsync(process, minimal);
            }

            wall.Add((m.Wall, o.Wall));
            cpu.Add((m.Cpu, o.Cpu));
        }

        static Interleaved.Result Ratio(List<(double Minimal, double Ours)> times)
        {
            var ratios = times.Select(t => t.Minimal / t.Ours).OrderBy(r => r).ToArray();
            return new Interleaved.Result("webhook endpoint", ratios[ratios.Length / 2], ratios[0], ratios[^1]);
        }

        var perRequest = requests / 1000.0; // ms -> us per request
        return new Figures(concurrency, Ratio(wall), Ratio(cpu), cpu.Select(c => c.Minimal).Order().ElementAt(rounds / 2) / perRequest, cpu.Select(c => c.Ours).Order().ElementAt(rounds / 2) / perRequest);
    }

    private static async Task<(double Wall, double Cpu)> MeasureAsync(System.Diagnostics.Process process, Func<Task> load)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await load();
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    // Distinct deliveries (one message each, a few customers), signed as Meta would sign them.
    private static (byte[] Body, string Signature)[] Signed(int first, int count)
    {
        var bodies = new (byte[], string)[count];
        for (var i = first; i < first + count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var body = Encoding.UTF8.GetBytes(
                "{\"object\":\"instagram\",\"entry\":[{\"time\":1781520016812,\"id\":\"17841405822304914\",\"messaging\":[{\"sender\":{\"id\":\"72419803650281" + (i % 64).ToString("00", CultureInfo.InvariantCulture) +
                "\"},\"recipient\":{\"id\":\"17841405822304914\"},\"timestamp\":1781520015307,\"message\":{\"mid\":\"aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI2MDE5ODc2NTQzMjEwOjMy" + n +
                "\",\"text\":\"Hi! Is the blue jacket still in stock? \\u00e9\"}}]}]}");
            bodies[i - first] = (body, InstagramWebhookSignature.Compute(body, Secret));
        }

        return bodies;
    }

    private sealed class CountingHandler(CountingHandler.Counter counter) : IInstagramWebhookHandler
    {
        public ValueTask HandleAsync(InstagramWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter.Value);
            return ValueTask.CompletedTask;
        }

        public sealed class Counter
        {
            public long Value;
        }
    }
}
