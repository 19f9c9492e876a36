using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static InstagramMessaging.Tests.ScriptedHandler;

namespace InstagramMessaging.Tests;

// The transport's pacing step (Transport/PacingStep): throttle answers pause the account for as long as Meta says,
// and waiting for the rate limiter honours cancellation.
public class PacingStepTests
{
    private static readonly Recipient User = Recipient.Id("1");

    [Fact]
    public async Task The_business_use_case_header_says_how_long_to_wait()
    {
        var header = new Dictionary<string, string>
        {
            ["X-Business-Use-Case-Usage"] = """{"1234":[{"type":"instagram","call_count":100,"total_cputime":40,"total_time":50,"estimated_time_to_regain_access":7}]}""",
        };
        var handler = new ScriptedHandler(Answer(HttpStatusCode.BadRequest, """{"error":{"message":"(#80002) too many calls","type":"OAuthException","code":80002,"fbtrace_id":"T"}}""", header));

        var ex = await Assert.ThrowsAsync<InstagramRateLimitedException>(() => new TextMessage("hi").SendAsync(Messenger(handler), User));

        Assert.Equal(TimeSpan.FromMinutes(7), ex.RetryAfter);
    }

    [Fact]
    public async Task A_throttle_answer_pauses_the_account_until_the_wait_is_over()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new InstagramRateLimiter(100, 10, time);
        var header = new Dictionary<string, string> { ["X-Business-Use-Case-Usage"] = """{"1":[{"estimated_time_to_regain_access":1}]}""" };
        var handler = new ScriptedHandler(Answer(HttpStatusCode.BadRequest, """{"error":{"message":"(#4) limit","type":"OAuthException","code":4,"fbtrace_id":"T"}}""", header), Success("m_later"));
        var messenger = Messenger(handler, time: time, limiter: limiter);
        time.Advance(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<InstagramRateLimitedException>(() => new TextMessage("first").SendAsync(messenger, User));
        var second = new TextMessage("second").SendAsync(messenger, User);
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, handler.Requests);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("m_later", (await second.WaitAsync(TimeSpan.FromSeconds(10))).MessageId);
    }

    [Fact]
    public async Task Waiting_for_the_rate_limit_honours_cancellation()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new InstagramRateLimiter(100, 10, time);
        var handler = new ScriptedHandler(Success("m_1"), Success("m_2"));
        var messenger = Messenger(handler, time: time, limiter: limiter);
        var clip = new VoiceNote(MediaSource.FromUrl("https://cdn.example.com/a.m4a"));

        // Audio gets 1 call per 100 ms: the first takes the token, the second waits for time that never comes.
        await messenger.SendAsync(User, clip);
        using var cts = new CancellationTokenSource();
        var waiting = messenger.SendAsync(User, clip, cancellationToken: cts.Token);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10))); // fails, not hangs, if the token is dropped
        Assert.Equal(1, handler.Requests);
    }
}
