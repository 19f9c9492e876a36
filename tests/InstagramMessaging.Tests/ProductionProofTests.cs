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

// The promises of the production client, shown at volume against the emulator.
public class ProductionProofTests
{
    [Fact]
    public async Task Ten_thousand_sends_through_injected_faults_lose_nothing_and_duplicate_nothing()
    {
        const int messages = 10_000;
        var emulator = new GraphApiEmulator();
        emulator.Faults.Seed = 20261125;
        emulator.Faults.TransientErrorRate = 0.05;
        emulator.Faults.ServerErrorRate = 0.03;
        emulator.Faults.DropBeforeProcessingRate = 0.03;
        emulator.Faults.DropAfterProcessingRate = 0.02;
        var closed = Enumerable.Range(0, 5).Select(i => $"closed-{i}").ToArray();
        foreach (var recipient in closed)
        {
            emulator.CloseWindow(recipient);
        }

        var messenger = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions
        {
            AccessToken = GraphApiEmulator.DefaultAccessToken,
            MaxRetries = 6,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, rateLimiter: new InstagramRateLimiter(100_000, 100_000));

        var outcomes = new ConcurrentDictionary<string, object>();
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, messages).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var recipient = i % 200 == 0 ? closed[(i / 200) % closed.Length] : $"user-{i % 100}";
                var text = $"message {i}";
                try
                {
                    outcomes[text] = await new TextMessage(text).SendAsync(messenger, Recipient.Id(recipient));
                }
                catch (Exception ex)
                {
                    outcomes[text] = ex;
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        static bool ClosedRecipient(string text) => int.Parse(text["message ".Length..], System.Globalization.CultureInfo.InvariantCulture) % 200 == 0;
        var deliveries = emulator.DeliveredMessages.GroupBy(m => m.Text!).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.True(emulator.Faults.InjectedCount >= messages / 10, $"only {emulator.Faults.InjectedCount} faults were injected");

        // Delivered twice: never.
        Assert.All(emulator.DeliveryCounts(), count => Assert.Equal(1, count.Value));
        Assert.DoesNotContain(deliveries, d => d.Value.Length > 1);

        // Every success was delivered, under the id the client returned: nothing retryable was lost.
        var successes = outcomes.Where(o => o.Value is SendResult).ToArray();
        Assert.All(successes, s => Assert.Equal(((SendResult)s.Value).MessageId, Assert.Single(deliveries[s.Key]).MessageId));

        // Every failure is typed: the outcome-unknown ones were delivered (the emulator dropped the answer), the
        // closed-window ones were not. Nothing else failed.
        var failures = outcomes.Where(o => o.Value is Exception).ToArray();
        Assert.All(failures, f =>
        {
            switch (f.Value)
            {
                case InstagramOutcomeUnknownException:
                    // The emulator processed the request, then dropped the answer: delivered once, unless the
                    // processing itself refused it (a closed window).
                    Assert.Equal(ClosedRecipient(f.Key) ? 0 : 1, deliveries.TryGetValue(f.Key, out var delivered) ? delivered.Length : 0);
                    break;
                case InstagramWindowClosedException closedWindow:
                    Assert.True(ClosedRecipient(f.Key));
                    Assert.Equal((10, 2534022), (closedWindow.Code, closedWindow.Subcode));
                    Assert.False(deliveries.ContainsKey(f.Key));
                    break;
                default:
                    Assert.Fail($"{f.Key} failed with {f.Value.GetType().Name}: {((Exception)f.Value).Message}");
                    break;
            }
        });

        Assert.Equal(messages, successes.Length + failures.Length);
        Assert.Contains(failures, f => f.Value is InstagramOutcomeUnknownException);
        Assert.Contains(failures, f => f.Value is InstagramWindowClosedException);
        Assert.True(successes.Length > messages * 0.9, $"{successes.Length} successes");
    }

    [Theory]
    [InlineData(100, 10, 0)]
    [InlineData(300, 30, -1)]
    public async Task Fifty_accounts_sending_flat_out_are_paced_below_the_platforms_limits(int clientText, int clientAudioVideo, int expectedThrottles)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var emulator = new GraphApiEmulator(timeProvider: time) { EnforceRateLimits = true };
        using var limiter = new InstagramRateLimiter(clientText, clientAudioVideo, time);
        var http = emulator.CreateHttpClient();
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
            await Settle(emulator);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await all.WaitAsync(TimeSpan.FromSeconds(30));
        if (expectedThrottles == 0)
        {
            Assert.Equal(0, emulator.ThrottledCalls);
            Assert.Empty(failures);
            Assert.Equal(50 * 150, emulator.DeliveredMessages.Count);
        }
        else
        {
            // The same load, paced three times too fast, is throttled: the test can tell the difference.
            Assert.True(emulator.ThrottledCalls > 0);
            Assert.All(failures, f => Assert.IsType<InstagramRateLimitedException>(f));
        }
    }

    [Fact]
    public async Task The_token_never_appears_in_logs_exceptions_or_urls()
    {
        const string token = "test-page-token-0123456789-secret";
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var emulator = new GraphApiEmulator();
        emulator.AddAccessToken(token);
        emulator.Faults.Seed = 7;
        emulator.Faults.TransientErrorRate = 0.3;
        emulator.Faults.DropAfterProcessingRate = 0.1;
        emulator.CloseWindow("closed");
        var messenger = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions
        {
            AccessToken = token,
            AppSecret = "app-secret-value",
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, rateLimiter: new InstagramRateLimiter(10_000, 10_000), logger: factory.CreateLogger<InstagramMessenger>());
        var revoked = new InstagramMessenger(emulator.CreateHttpClient(), new InstagramMessengerOptions { AccessToken = token + "-revoked" }, logger: factory.CreateLogger<InstagramMessenger>());

        var texts = new List<string>();
        async Task Try(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                texts.Add(ex.ToString());
            }
        }

        for (var i = 0; i < 40; i++)
        {
            await Try(() => new TextMessage($"hello {i}").SendAsync(messenger, Recipient.Id("user")));
        }

        await Try(() => new TextMessage("late").SendAsync(messenger, Recipient.Id("closed")));
        await Try(() => new TextMessage("no").SendAsync(revoked, Recipient.Id("user")));
        await Try(() => messenger.UploadAttachmentAsync(Rules.MediaKind.Image, new Uri("https://cdn.example.com/a.png")));
        await Try(() => messenger.UploadAttachmentAsync(Rules.MediaKind.Video, new System.IO.MemoryStream(new byte[64]), "clip.mp4"));
        await Try(() => messenger.SetIceBreakersAsync(new[] { new IceBreakerSet("default", new[] { new IceBreaker("Q?", "P") }) }));
        await Try(() => messenger.ReactAsync(Recipient.Id("user"), "m_1"));

        texts.AddRange(logs.Messages);
        texts.AddRange(emulator.Requests.Select(r => r.PathAndQuery));
        texts.Add(new InstagramMessengerOptions { AccessToken = token, AppSecret = "app-secret-value" }.ToString());

        Assert.Contains(logs.Messages, m => m.Contains("retry", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(texts, t => t.Contains("InstagramWindowClosedException", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("InstagramAccessTokenException", StringComparison.Ordinal));
        Assert.All(texts, t =>
        {
            Assert.DoesNotContain(token, t);
            Assert.DoesNotContain("app-secret-value", t);
        });
        Assert.All(emulator.Requests, r => Assert.StartsWith("Bearer ", r.Authorization));
        Assert.All(emulator.Requests, r => Assert.Equal(EmulatedTokenLocation.Header, r.TokenLocation));
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
    // without a new request (a send processed after the clock moved would be stamped late and crowd the next
    // second, which is the test harness's doing, not the limiter's).
    private static async Task Settle(GraphApiEmulator emulator)
    {
        var stable = 0;
        var last = -1;
        while (stable < 10)
        {
            await Task.Delay(5);
            var now = emulator.Requests.Count;
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                provider.Messages.Enqueue($"{logLevel}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
