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

// Redaction at volume: through retries, failures and trace-level logs, the token is never in a log line, an
// exception or a URL.
public class RedactionAtVolumeTests
{
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
