using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using Xunit.Abstractions;

namespace InstagramMessaging.Redis.Tests;

public sealed class RateLimiterTests(ITestOutputHelper output)
{
    private const int Rate = 100;

    // Four instances (four containers, four Redis connections) share one account's budget: together they spend at
    // least 98% of it (100 calls/s: at least 490 calls in 5 s), no sliding second holds more than 103 calls, and the
    // emulator, counting every sliding second, never throttles. The emulator lets a second hold the 3 calls of
    // jitter over the rate that this bound allows (RateLimitTolerance); the limiter spends 99 calls/s (RateShare
    // 0.99 by default) and a stalled process releases at most two or three calls together.
    //
    // Time this process does not run is budget nobody can spend (Meta counts every sliding second, so it cannot be
    // made up later): a run that falls short while the limiter saw this process stall (late slots retaken) is
    // measured again, at most three runs in all. Every run must hold the limits: no throttle, no second over 103.
    [RedisFact]
    public async Task Four_instances_sending_flat_out_share_one_budget_without_a_throttle()
    {
        // 32 senders on a 2-core machine: the thread pool starts with 2 threads and adds them slowly.
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 16), ioThreads);
        using var server = new RedisServer();
        long lateSlots = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "instagram.redis.limiter.late_slots")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref lateSlots, value));
        listener.Start();
        for (var attempt = 1; ; attempt++)
        {
            Interlocked.Exchange(ref lateSlots, 0);
            var (sent, failures, throttled, busiest) = await FourInstancesFlatOutAsync(server.Configuration, "four" + attempt);
            var late = Interlocked.Read(ref lateSlots);
            var summary = $"run {attempt}: {sent} sent in 5 s, {failures.Count} failures ({string.Join(", ", failures.Select(f => f.GetType().Name).Distinct())}), {throttled} throttled, busiest second {busiest}, {late} late slots retaken, load {LoadAverage()}";
            output.WriteLine(summary);
            Assert.True(throttled == 0, summary);
            Assert.True(busiest <= 103, summary);
            if (sent >= 0.98 * Rate * 5 && failures.Count == 0)
            {
                return;
            }

            // Another try only for what a busy machine causes: slots retaken late, or a send whose answer came after its
            // deadline (outcome unknown). Throttling and bursts above the budget fail at once (above).
            var machineLate = late > 0 || (failures.Count > 0 && failures.All(f => f is InstagramOutcomeUnknownException));
            Assert.True(machineLate && attempt < 3, $"less than 98% of the budget ({Rate * 5}) or failures: {summary}");
        }
    }

    private static async Task<(int Sent, IReadOnlyCollection<Exception> Failures, int Throttled, int Busiest)> FourInstancesFlatOutAsync(string configuration, string prefix)
    {
        var emulator = new GraphApiEmulator { EnforceRateLimits = true, RateLimitTolerance = 3 };
        var instances = Enumerable.Range(0, 4).Select(_ => Instance(emulator, configuration, prefix)).ToArray();
        try
        {
            var messengers = instances.Select(i => i.GetRequiredService<InstagramMessenger>()).ToArray();
            await Task.WhenAll(messengers.Select(m => new TextMessage("warm-up").SendAsync(m, Recipient.Id("warm-up"))));

            // One second flat out to warm up (JIT, thread pool, connections), not counted; then five counted seconds.
            using var run = new CancellationTokenSource(TimeSpan.FromSeconds(6));
            var counting = Stopwatch.StartNew();
            var sent = 0;
            var failures = new ConcurrentBag<Exception>();
            var workers = messengers.SelectMany(m => Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var n = 0; !run.IsCancellationRequested; n++)
                {
                    try
                    {
                        await new TextMessage($"{w}:{n}").SendAsync(m, Recipient.Id("customer"), cancellationToken: run.Token);
                        if (counting.Elapsed >= TimeSpan.FromSeconds(1))
                        {
                            Interlocked.Increment(ref sent);
                        }
                    }
                    catch (OperationCanceledException) when (run.IsCancellationRequested)
                    {
                    }
                    catch (Exception e)
                    {
                        failures.Add(e);
                    }
                }
            }))).ToArray();
            await Task.WhenAll(workers);
            return (sent, failures, emulator.ThrottledCalls, BusiestSecond(emulator.DeliveredMessages.Select(m => m.DeliveredAt)));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    // Redis stops in the middle: every send fails at once with the typed exception and nothing reaches the
    // emulator (fail closed, no unpaced burst); when Redis is back, sends go through again, paced.
    [RedisFact]
    public async Task Sends_fail_closed_in_milliseconds_while_Redis_is_down_and_recover_when_it_returns()
    {
        using var server = new RedisServer();
        var emulator = new GraphApiEmulator { EnforceRateLimits = true, RateLimitTolerance = 3 };
        await using var instance = Instance(emulator, server.Configuration, "outage");
        var messenger = instance.GetRequiredService<InstagramMessenger>();
        await new TextMessage("before").SendAsync(messenger, Recipient.Id("customer"));

        server.Stop();
        var deliveredBefore = emulator.DeliveredMessages.Count;
        var latencies = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var error = await Record(() => new TextMessage($"during {i}").SendAsync(messenger, Recipient.Id("customer")));
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.IsType<RedisRateLimiterUnavailableException>(error);
        }

        Assert.Equal(deliveredBefore, emulator.DeliveredMessages.Count);
        latencies.Sort();
        Assert.True(latencies[latencies.Count / 2] < 50, $"median failure took {latencies[latencies.Count / 2]:F1} ms");
        Assert.True(latencies[^1] < 1000, $"slowest failure took {latencies[^1]:F1} ms");

        server.Start();
        var recovered = Stopwatch.StartNew();
        while (await Record(() => new TextMessage("after").SendAsync(messenger, Recipient.Id("customer"))) is RedisRateLimiterUnavailableException)
        {
            Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(10), "sends did not recover within 10 s of Redis returning");
            await Task.Delay(50);
        }

        // Paced again: flat out for 2 s, within the rate.
        using var run = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            while (!run.IsCancellationRequested)
            {
                await Record(() => new TextMessage($"paced {w}").SendAsync(messenger, Recipient.Id("customer"), cancellationToken: run.Token));
            }
        })));
        Assert.Equal(0, emulator.ThrottledCalls);
        Assert.True(BusiestSecond(emulator.DeliveredMessages.Select(m => m.DeliveredAt)) <= 103);
    }

    // A script that waited behind a busy Redis (here DEBUG SLEEP) reserved its slot when it ran: its caller is on
    // time for it and goes, rather than taking a new slot as a caller whose own process stalled must. A stall of this
    // process between the script running and its answer being read (a busy CI machine: other test assemblies share
    // the cores) is a real late slot, so the experiment is tried up to three times and must come out on time once;
    // a limiter that counted from when the script was sent is late by the whole sleep every time.
    [RedisFact]
    public async Task A_caller_whose_script_waited_for_a_busy_Redis_is_not_late_for_its_slot()
    {
        using var server = new RedisServer();
        await using var instance = Instance(new GraphApiEmulator(), server.Configuration, "busy");
        var limiter = instance.GetRequiredService<IInstagramRateLimiter>();
        for (var i = 0; i < 5; i++)
        {
            await limiter.AcquireAsync("account", TrafficClass.Text, CancellationToken.None);
        }

        long lateSlots = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "instagram.redis.limiter.late_slots")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref lateSlots, value));
        listener.Start();
        await using var other = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.Configuration + ",syncTimeout=5000,asyncTimeout=5000");
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Interlocked.Exchange(ref lateSlots, 0);
            var sleep = other.GetDatabase().ExecuteAsync("DEBUG", "SLEEP", "0.25");
            await Task.Delay(30);
            var started = Stopwatch.GetTimestamp();
            await limiter.AcquireAsync("account", TrafficClass.Text, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await sleep;
            Assert.True(elapsed > 150, $"the permit came after {elapsed:F0} ms: Redis was not busy");
            var late = Interlocked.Read(ref lateSlots);
            if (late == 0)
            {
                return;
            }

            attempts.Add($"{late} late slot(s) after {elapsed:F0} ms");
        }

        Assert.Fail("every attempt took a new slot although only Redis was busy: " + string.Join("; ", attempts));
    }

    // A throttle answer on one instance pauses the account on every instance.
    [RedisFact]
    public async Task A_throttle_answer_pauses_the_account_for_every_instance()
    {
        using var server = new RedisServer();
        var emulator = new GraphApiEmulator();
        await using var first = Instance(emulator, server.Configuration, "pause");
        await using var second = Instance(emulator, server.Configuration, "pause");
        var limiter = first.GetRequiredService<IInstagramRateLimiter>();
        var other = second.GetRequiredService<IInstagramRateLimiter>();
        await other.AcquireAsync("account-1", TrafficClass.Text, CancellationToken.None);

        limiter.OnThrottled("account-1", TimeSpan.FromMilliseconds(700));
        await Task.Delay(50);
        var started = Stopwatch.GetTimestamp();
        await other.AcquireAsync("account-1", TrafficClass.Text, CancellationToken.None);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 500, 1500);

        // Another account is not held back, and a wait honours cancellation.
        started = Stopwatch.GetTimestamp();
        await other.AcquireAsync("account-2", TrafficClass.Text, CancellationToken.None);
        var otherAccount = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.True(otherAccount < 400, $"another account waited {otherAccount:F0} ms behind the paused one (paused for 700 ms)");
        limiter.OnThrottled("account-3", TimeSpan.FromMinutes(5));
        await Task.Delay(50);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.AcquireAsync("account-3", TrafficClass.Text, cancel.Token).AsTask());
    }

    // The audio/video class has its own, slower budget: 10 calls/s (9.9 at the 0.99 share, one every 101 ms), shared
    // by two instances: 21 permits take 20 intervals.
    [RedisFact]
    public async Task Audio_and_video_calls_are_paced_at_their_own_rate_across_instances()
    {
        using var server = new RedisServer();
        var emulator = new GraphApiEmulator();
        await using var first = Instance(emulator, server.Configuration, "av");
        await using var second = Instance(emulator, server.Configuration, "av");
        var limiters = new[] { first.GetRequiredService<IInstagramRateLimiter>(), second.GetRequiredService<IInstagramRateLimiter>() };
        var started = Stopwatch.GetTimestamp();
        var audioVideo = Task.WhenAll(Enumerable.Range(0, 21).Select(i => limiters[i % 2].AcquireAsync("account", TrafficClass.AudioVideo, CancellationToken.None).AsTask()));

        // Text is a separate budget: while the audio/video slots are reserved two seconds ahead, a text call goes at
        // once (sharing their budget, it would wait behind all of them).
        await Task.Delay(100);
        var text = Stopwatch.GetTimestamp();
        await limiters[0].AcquireAsync("account", TrafficClass.Text, CancellationToken.None);
        var textWait = Stopwatch.GetElapsedTime(text).TotalMilliseconds;
        Assert.False(audioVideo.IsCompleted, "the audio/video permits were all granted before the text call was made");
        Assert.True(textWait < 1000, $"the text call waited {textWait:F0} ms behind the audio/video reservations");

        await audioVideo;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Assert.InRange(elapsed, 2.0, 3.2);
    }

    [Fact]
    public async Task Options_are_validated_when_the_host_starts()
    {
        var services = new ServiceCollection();
        services.AddInstagramMessaging(o => o.AccessToken = GraphApiEmulator.DefaultAccessToken)
            .UseRedisRateLimiter(o => o.RateShare = 1.5);
        await using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RedisRateLimiterOptions>>().Value);
        Assert.Contains("Configuration", error.Message);
        services = new ServiceCollection();
        services.AddInstagramMessaging(o => o.AccessToken = GraphApiEmulator.DefaultAccessToken)
            .UseRedisRateLimiter(o => { o.Configuration = "127.0.0.1:1"; o.RateShare = 1.5; });
        await using var second = services.BuildServiceProvider();
        Assert.Contains("RateShare", Assert.Throws<OptionsValidationException>(() => second.GetRequiredService<IOptions<RedisRateLimiterOptions>>().Value).Message);
    }

    private static string LoadAverage()
    {
        try
        {
            return System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (System.IO.IOException)
        {
            return "unknown";
        }
    }

    internal static int BusiestSecond(IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.OrderBy(t => t).ToArray();
        var busiest = 0;
        for (int start = 0, end = 0; start < sorted.Length; start++)
        {
            while (end < sorted.Length && sorted[end] - sorted[start] < TimeSpan.FromSeconds(1))
            {
                end++;
            }

            busiest = Math.Max(busiest, end - start);
        }

        return busiest;
    }

    private static ServiceProvider Instance(GraphApiEmulator emulator, string configuration, string prefix)
    {
        var services = new ServiceCollection();
        services.AddInstagramMessaging(o =>
            {
                o.AccessToken = GraphApiEmulator.DefaultAccessToken;
                o.MaxRetries = 0;
            })
            .ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler)
            .UseRedisRateLimiter(o =>
            {
                o.Configuration = configuration;
                o.KeyPrefix = prefix;
            });
        return services.BuildServiceProvider();
    }

    private static async Task<Exception?> Record(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
