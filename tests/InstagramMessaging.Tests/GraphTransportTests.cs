using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static InstagramMessaging.Tests.ScriptedHandler;

namespace InstagramMessaging.Tests;

// The transport's steps run in their documented order (Transport/GraphTransport.cs): telemetry and logging once
// around the whole call, retry around each attempt, and inside each attempt pacing, then auth (a proof computed
// for that attempt), the exchange and the answer.
public class GraphTransportTests
{
    private static (InstagramMessenger Messenger, ScriptedHandler Handler, ConcurrentQueue<string> Events, FakeTimeProvider Time) Build(params Func<HttpResponseMessage>[] script)
    {
        var events = new ConcurrentQueue<string>();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var handler = new ScriptedHandler(script)
        {
            OnRequest = request => events.Enqueue("request:" + request.RequestUri!.Query.Split('&').Single(p => p.StartsWith("appsecret_time=", StringComparison.Ordinal))),
        };
        var messenger = new InstagramMessenger(
            new HttpClient(handler),
            new InstagramMessengerOptions { AccessToken = "order-token", AppSecret = "order-secret", MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) },
            time,
            new RecordingRateLimiter(events),
            new RecordingLogger(events));
        return (messenger, handler, events, time);
    }

    [Fact]
    public async Task A_retried_send_is_logged_once_and_each_attempt_is_paced_then_signed_afresh()
    {
        var (messenger, handler, events, time) = Build(Error(2, transient: true, status: HttpStatusCode.ServiceUnavailable), Success("m_2"));

        var sending = new TextMessage("hi").SendAsync(messenger, Recipient.Id("1"));
        while (handler.Requests < 1 || !events.Contains("log:Retrying"))
        {
            await Task.Delay(5);
        }

        // The retry waits on the fake clock: one second later, the second attempt signs with a new appsecret_time.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("m_2", (await sending.WaitAsync(TimeSpan.FromSeconds(10))).MessageId);

        Assert.Equal(
            new[]
            {
                "log:Sending",
                "acquire:Text", "request:appsecret_time=1700000000", "log:Answered", "log:Retrying",
                "acquire:Text", "request:appsecret_time=1700000001", "log:Answered",
                "log:Sent",
            },
            events.ToArray());
    }

    [Fact]
    public async Task A_throttled_answer_pauses_the_account_before_the_call_is_reported_and_is_not_retried()
    {
        var (messenger, _, events, _) = Build(Error(4));

        await Assert.ThrowsAsync<InstagramRateLimitedException>(() => new TextMessage("hi").SendAsync(messenger, Recipient.Id("1")));

        Assert.Equal(
            new[] { "log:Sending", "acquire:Text", "request:appsecret_time=1700000000", "log:Answered", "throttled", "log:Throttled" },
            events.ToArray());
    }
}
