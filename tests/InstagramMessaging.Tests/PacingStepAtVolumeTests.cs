using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace InstagramMessaging.Tests;

// The pacing step at volume: many accounts sending flat out stay below the platform's limits, measured by the
// emulator's own clock.
public class PacingStepAtVolumeTests
{
    // Each call reaches the emulator 0 to 90 ms after the limiter released it (network jitter), and the emulator
    // counts calls in every sliding second, as Meta does. Spending the whole rate, one late batch would crowd the
    // next second; the limiter's 10% headroom must keep every second within the limit.
    [Theory]
    [InlineData(100, 10, false)]
    [InlineData(300, 30, true)]
    public async Task Fifty_accounts_sending_flat_out_with_arrival_jitter_stay_below_the_platforms_limits(int clientText, int clientAudioVideo, bool tooFast)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var emulator = new GraphApiEmulator(timeProvider: new JitteredClock(time, TimeSpan.FromMilliseconds(90), seed: 3)) { EnforceRateLimits = true };
        using var limiter = new InstagramRateLimiter(clientText, clientAudioVideo, time);
        var counter = new CountingHandler(emulator.CreateHandler());
        using var http = new HttpClient(counter);
        var sends = new List<Task>();
        var failures = new ConcurrentBag<Exception>();
        for (var account = 0; account < 50; account++)
        {
            var token = $"account-token-{account}";
            emulator.AddAccessToken(token);
            var messenger = new InstagramMessenger(http, new InstagramMessengerOptions { AccessToken = token, MaxRetries = 0 }, time, limiter);
            for (var i = 0; i < 150; i++)
            {
                var message = i % 10 == 0
                    ? (IInstagramMessage)new Clip(new Uri($"https://cdn.example.com/{account}/{i}.mp4"))
                    : new TextMessage($"{account}:{i}");
                sends.Add(Capture(messenger.SendAsync(Recipient.Id($"user-{account}"), message), failures));
            }
        }

        var all = Task.WhenAll(sends);
        for (var tick = 0; tick < 400 && !all.IsCompleted; tick++)
        {
            await Settle(counter);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await all.WaitAsync(TimeSpan.FromSeconds(30));
        if (tooFast)
        {
            // The same load, paced three times too fast, is throttled: the test can tell the difference.
            Assert.True(emulator.ThrottledCalls > 0);
            Assert.All(failures, f => Assert.IsType<InstagramRateLimitedException>(f));
            return;
        }

        Assert.Equal(0, emulator.ThrottledCalls);
        Assert.Empty(failures);
        var delivered = emulator.DeliveredMessages;
        Assert.Equal(50 * 150, delivered.Count);

        // With margin: the busiest second of any account, on the jittered arrival times, and yet not idle.
        var (text, audioVideo) = (0, 0);
        foreach (var conversation in delivered.GroupBy(m => m.RecipientId))
        {
            text = Math.Max(text, BusiestSecond(conversation.Where(m => m.Text is not null)));
            audioVideo = Math.Max(audioVideo, BusiestSecond(conversation.Where(m => m.Text is null)));
        }

        Assert.InRange(text, 80, 99);
        Assert.InRange(audioVideo, 8, 10);
    }

    private static int BusiestSecond(IEnumerable<EmulatedMessage> messages)
    {
        var times = messages.Select(m => m.DeliveredAt).OrderBy(t => t).ToArray();
        var busiest = 0;
        for (int first = 0, last = 0; last < times.Length; last++)
        {
            while (times[last] - times[first] >= TimeSpan.FromSeconds(1))
            {
                first++;
            }

            busiest = Math.Max(busiest, last - first + 1);
        }

        return busiest;
    }

    private static async Task Capture(Task<SendResult> send, ConcurrentBag<Exception> failures)
    {
        try
        {
            await send;
        }
        catch (Exception ex)
        {
            failures.Add(ex);
        }
    }

    // Lets every send released by the last tick reach the emulator before time moves on: 50 ms of real time
    // without a new request. A send that still arrives after the clock moved is stamped late, as the jitter does
    // on purpose anyway.
    private static async Task Settle(CountingHandler counter)
    {
        var stable = 0;
        var last = -1;
        while (stable < 10)
        {
            await Task.Delay(5);
            var now = counter.Count;
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    // Counts the requests that reach the emulator.
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    // The emulator's clock: the test's fake time plus a random delay of up to `jitter`, never going backwards, so
    // each call arrives a little after the limiter released it, in the order it was released.
    private sealed class JitteredClock(FakeTimeProvider time, TimeSpan jitter, int seed) : TimeProvider
    {
        private readonly Random _random = new(seed);
        private readonly object _gate = new();
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public override long TimestampFrequency => time.TimestampFrequency;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                var arrival = time.GetUtcNow() + (jitter * _random.NextDouble());
                _last = arrival > _last ? arrival : _last;
                return _last;
            }
        }

        public override long GetTimestamp() => time.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => time.CreateTimer(callback, state, dueTime, period);
    }
}
