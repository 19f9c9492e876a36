using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Redis;
using InstagramMessaging.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// The scale-out package on loopback against a throwaway redis-server (REDIS_SERVER or PATH): the latency of one
/// permit from the Redis limiter (one Lua script round trip) against the in-process limiter, with rates high enough
/// that neither waits; and the durable queue's throughput (keep, then hand out and acknowledge).
/// </summary>
public static class RedisScaleOut
{
    public static async Task RunAsync(int permits = 20_000, int events = 20_000)
    {
        var executable = Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } configured ? configured
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        if (executable is null)
        {
            Console.WriteLine("redis-server not found: apt-get install redis-server (or set REDIS_SERVER).");
            return;
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start)!;
        server.OutputDataReceived += static (_, _) => { };
        server.BeginOutputReadLine();
        try
        {
            await Task.Delay(300);
            var configuration = $"127.0.0.1:{port}";
            await LimiterLatencyAsync(configuration, permits);
            await QueueThroughputAsync(configuration, events);
        }
        finally
        {
            server.Kill();
            server.WaitForExit(5000);
        }
    }

    private static async Task LimiterLatencyAsync(string configuration, int permits)
    {
        Console.WriteLine("| limiter | callers | p50 | p99 | permits/s |");
        Console.WriteLine("|---|---|---|---|---|");
        using var redis = new RedisRateLimiter(new RedisRateLimiterOptions { Configuration = configuration }, 10_000_000, 10_000_000);
        using var local = new InstagramRateLimiter(10_000_000, 10_000_000);
        foreach (var callers in new[] { 1, 16 })
        {
            foreach (var (name, limiter) in new (string, IInstagramRateLimiter)[] { ("in-process", local), ("Redis", redis) })
            {
                await MeasureAsync(limiter, callers, permits / 10, "warm-up");
                var (latencies, elapsed) = await MeasureAsync(limiter, callers, permits, $"account-{callers}");
                Array.Sort(latencies);
                Console.WriteLine($"| {name} | {callers} | {latencies[latencies.Length / 2]:0.0} us | {latencies[(int)(latencies.Length * 0.99)]:0.0} us | {permits / elapsed:0} |");
            }
        }
    }

    private static async Task<(double[] Latencies, double Seconds)> MeasureAsync(IInstagramRateLimiter limiter, int callers, int permits, string account)
    {
        var latencies = new double[permits];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < permits)
            {
                var started = Stopwatch.GetTimestamp();
                await limiter.AcquireAsync(account, TrafficClass.Text, CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        })));
        return (latencies, total.Elapsed.TotalSeconds);
    }

    private static async Task QueueThroughputAsync(string configuration, int count)
    {
        var options = new RedisWebhookOptions { Configuration = configuration, KeyPrefix = "bench", PollInterval = TimeSpan.FromMilliseconds(5) };
        using var connection = new RedisWebhookConnection(options);
        var queue = new RedisWebhookQueue(connection, Options.Create(new InstagramWebhookOptions()), NullLogger<RedisWebhookQueue>.Instance);
        var parsed = new List<InstagramWebhookEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var body = $"{{\"object\":\"instagram\",\"entry\":[{{\"time\":1781520016812,\"id\":\"17841405822304914\",\"messaging\":[{{\"sender\":{{\"id\":\"c{i % 500}\"}},\"recipient\":{{\"id\":\"17841405822304914\"}},\"timestamp\":1781520015307,\"message\":{{\"mid\":\"bench-{i}\",\"text\":\"hello {i}\"}}}}]}}]}}";
            parsed.Add(InstagramWebhookParser.Parse(Encoding.UTF8.GetBytes(body), keepItems: true).Events[0]);
        }

        var next = -1;
        var keep = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await queue.TryEnqueueAsync(parsed[i], CancellationToken.None);
            }
        })));
        var keepSeconds = keep.Elapsed.TotalSeconds;

        var handOut = Stopwatch.StartNew();
        var acknowledgements = new List<Task>();
        using var acknowledgers = new SemaphoreSlim(32);
        for (var i = 0; i < count; i++)
        {
            var item = (await queue.DequeueAsync(CancellationToken.None))!;
            await acknowledgers.WaitAsync();
            acknowledgements.Add(Task.Run(async () =>
            {
                await queue.AcknowledgeAsync(item, CancellationToken.None);
                acknowledgers.Release();
            }));
        }

        await Task.WhenAll(acknowledgements);
        var handOutSeconds = handOut.Elapsed.TotalSeconds;
        await queue.DisposeAsync();
        Console.WriteLine();
        Console.WriteLine("| queue step | events | events/s |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| keep (dedupe SET NX + XADD, 32 concurrent writers) | {count} | {count / keepSeconds:0} |");
        Console.WriteLine($"| hand out + acknowledge (XREADGROUP, XACK + XDEL, 32 concurrent acks) | {count} | {count / handOutSeconds:0} |");
    }
}
