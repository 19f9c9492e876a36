using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static InstagramMessaging.Tests.HostileServer;
using static InstagramMessaging.Tests.ScriptedHandler;

namespace InstagramMessaging.Tests;

// A broken or hostile server (a wrong BaseAddress, a proxy, a captive portal) cannot make the client allocate
// without bound, hang, pause an account for ever, or throw anything but a typed error.
public class HostileServerTests
{
    private static readonly Recipient User = Recipient.Id("1");

    private static InstagramMessenger Messenger(Uri address, TimeSpan? timeout = null)
        => new(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) }, new InstagramMessengerOptions
        {
            AccessToken = "hostile-token",
            BaseAddress = address,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, rateLimiter: new InstagramRateLimiter(10_000, 10_000));

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 314572800\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")]
    public async Task A_huge_answer_is_not_read_and_fails_typed(string head)
    {
        var chunked = head.Contains("chunked", StringComparison.Ordinal);
        await using var server = new HostileServer(async (stream, ct) =>
        {
            await stream.WriteAsync(Ascii(head), ct);
            var block = new byte[64 * 1024];
            Array.Fill(block, (byte)' ');
            var framed = chunked ? [.. Ascii($"{block.Length:x}\r\n"), .. block, .. Ascii("\r\n")] : block;
            for (long sent = 0; sent < 300L * 1024 * 1024; sent += block.Length)
            {
                await stream.WriteAsync(framed, ct);
            }
        });

        var ex = await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("hi").SendAsync(Messenger(server.BaseAddress), User).WaitAsync(TimeSpan.FromSeconds(60)));
        await Task.Delay(300);

        Assert.Contains("MaxResponseBytes", ex.Message);
        Assert.Equal(1, server.Requests);
        Assert.True(server.BytesSent < 32L * 1024 * 1024, $"the client let the server send {server.BytesSent / (1024 * 1024)} MiB");
    }

    [Fact]
    public async Task A_slow_drip_answer_times_out_typed()
    {
        await using var server = new HostileServer(async (stream, ct) =>
        {
            await stream.WriteAsync(Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"), ct);
            for (var i = 0; i < 99; i++)
            {
                await Task.Delay(100, ct);
                await stream.WriteAsync(Ascii(" "), ct);
            }
        });

        var ex = await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("hi").SendAsync(Messenger(server.BaseAddress, TimeSpan.FromSeconds(1)), User).WaitAsync(TimeSpan.FromSeconds(8)));

        Assert.Contains("timed out", ex.Message);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: nonsense\r\n\r\n{}")]
    [InlineData("\u0001\u0002 not http at all\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nX-Padding: {padding}\r\nContent-Length: 2\r\n\r\n{}")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nX-Business-Use-Case-Usage: {\"1\":[{\"estimated_time_to_regain_access\":1e400}]}\r\nContent-Length: 2\r\n\r\n{}")]
    public async Task Garbage_headers_fail_typed_and_are_not_retried(string answer)
    {
        answer = answer.Replace("{padding}", new string('a', 512 * 1024), StringComparison.Ordinal);
        await using var server = new HostileServer((stream, ct) => stream.WriteAsync(Ascii(answer), ct).AsTask());

        await Assert.ThrowsAnyAsync<InstagramApiException>(() => new TextMessage("hi").SendAsync(Messenger(server.BaseAddress), User).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_outcome_unknown_and_not_retried()
    {
        await using var server = new HostileServer((stream, ct) => stream.WriteAsync(Ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"recipient_id\":\"1\",\"mess"), ct).AsTask());

        await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("hi").SendAsync(Messenger(server.BaseAddress), User).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, server.Requests);
    }

    public static TheoryData<string, double?> ThrottleHints() => new()
    {
        { """{"1":[{"estimated_time_to_regain_access":7}]}""", 7 },
        { """{"1":[{"estimated_time_to_regain_access":5000000000}]}""", 60 },
        { """{"1":[{"estimated_time_to_regain_access":1e20}]}""", 60 },
        { """{"1":[{"estimated_time_to_regain_access":525600}]}""", 60 },
        { """{"1":[{"estimated_time_to_regain_access":1e400}]}""", null },
        { """{"1":[{"estimated_time_to_regain_access":-5}]}""", null },
        { """{"1":[{"estimated_time_to_regain_access":"7"}]}""", null },
        { """{"1":{"estimated_time_to_regain_access":7}}""", null },
        { """{"1":[7]}""", null },
        { """[1,2]""", null },
        { """not json""", null },
    };

    [Theory]
    [MemberData(nameof(ThrottleHints))]
    public async Task Throttle_hints_are_clamped_to_an_hour_and_garbage_is_no_hint(string header, double? minutes)
    {
        var handler = new ScriptedHandler(Answer(HttpStatusCode.BadRequest, """{"error":{"message":"(#613) limit","type":"OAuthException","code":613,"fbtrace_id":"T"}}""",
            new Dictionary<string, string> { ["X-Business-Use-Case-Usage"] = header }));
        var messenger = new InstagramMessenger(new HttpClient(handler), new InstagramMessengerOptions { AccessToken = "hint-token" }, rateLimiter: new InstagramRateLimiter(10_000, 10_000));

        var ex = await Assert.ThrowsAsync<InstagramRateLimitedException>(() => new TextMessage("hi").SendAsync(messenger, User));

        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null, ex.RetryAfter);
    }

    [Fact]
    public async Task A_year_long_throttle_hint_pauses_the_account_for_an_hour_at_most()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new InstagramRateLimiter(100, 10, time);
        var header = new Dictionary<string, string> { ["X-Business-Use-Case-Usage"] = """{"1":[{"estimated_time_to_regain_access":525600}]}""" };
        var handler = new ScriptedHandler(Answer(HttpStatusCode.BadRequest, """{"error":{"message":"(#4) limit","type":"OAuthException","code":4,"fbtrace_id":"T"}}""", header), Success("m_later"));
        var messenger = new InstagramMessenger(new HttpClient(handler), new InstagramMessengerOptions { AccessToken = "paused-token" }, time, limiter);

        await Assert.ThrowsAsync<InstagramRateLimitedException>(() => new TextMessage("first").SendAsync(messenger, User));
        var second = new TextMessage("second").SendAsync(messenger, User);
        time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("m_later", (await second.WaitAsync(TimeSpan.FromSeconds(10))).MessageId);
    }

    [Fact]
    public void A_custom_caller_cannot_pause_an_account_past_the_cap_or_overflow_the_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new InstagramRateLimiter(100, 10, time);

        limiter.OnThrottled("a", TimeSpan.MaxValue);
        limiter.OnThrottled("b", TimeSpan.MinValue);

        time.Advance(InstagramRateLimiter.MaxThrottlePause + TimeSpan.FromSeconds(1));
        Assert.True(limiter.AcquireAsync("a", TrafficClass.Text, default).IsCompleted);
    }
}
