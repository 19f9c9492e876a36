using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace InstagramMessaging.Tests;

// A caller who cancels before the request was written gets a plain cancellation (nothing was sent, sending again
// is safe); after it, InstagramOutcomeUnknownException (the message may have been delivered). Every wait honours
// the token: each test fails by timeout if the token is not passed on.
public class CancellationTests
{
    private static readonly Recipient User = Recipient.Id("1");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Cancelling_after_the_request_was_written_is_outcome_unknown()
    {
        var handler = new HangingHandler(readBodyFirst: true);
        using var cts = new CancellationTokenSource();
        var send = new TextMessage("hi").SendAsync(Messenger(handler), User, cancellationToken: cts.Token);
        await handler.Entered.WaitAsync(Patience);
        cts.Cancel();

        var ex = await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => send.WaitAsync(Patience));
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        Assert.Contains("cancelled", ex.Message);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Cancelling_before_the_request_was_written_is_a_plain_cancellation()
    {
        var handler = new HangingHandler(readBodyFirst: false);
        using var cts = new CancellationTokenSource();
        var send = new TextMessage("hi").SendAsync(Messenger(handler), User, cancellationToken: cts.Token);
        await handler.Entered.WaitAsync(Patience);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Patience));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Cancelling_while_a_loopback_server_processes_the_request_is_outcome_unknown()
    {
        await using var server = await GraphApiEmulatorServer.StartAsync();
        server.Emulator.Faults.Delay = TimeSpan.FromSeconds(30);
        using var http = new HttpClient();
        var messenger = new InstagramMessenger(http, new InstagramMessengerOptions { AccessToken = GraphApiEmulator.DefaultAccessToken, BaseAddress = server.BaseAddress }, rateLimiter: new InstagramRateLimiter(10_000, 10_000));
        using var cts = new CancellationTokenSource();
        var send = new TextMessage("slow").SendAsync(messenger, User, cancellationToken: cts.Token);
        while (server.Emulator.Requests.Count == 0)
        {
            await Task.Delay(10);
        }

        cts.Cancel();
        var ex = await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => send.WaitAsync(Patience));
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task Cancelling_during_a_throttle_pause_is_a_plain_cancellation_and_sends_nothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new InstagramRateLimiter(100, 10, time);
        var handler = new HangingHandler(readBodyFirst: true);
        var messenger = Messenger(handler, time, limiter, account: "paused");
        limiter.OnThrottled("paused", TimeSpan.FromMinutes(5));
        using var cts = new CancellationTokenSource();

        var send = new TextMessage("hi").SendAsync(messenger, User, cancellationToken: cts.Token);
        await Task.Delay(50);
        Assert.False(send.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Patience));
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_the_rate_limit_is_a_plain_cancellation_and_sends_nothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var limiter = new InstagramRateLimiter(100, 10, time);
        var handler = new HangingHandler(readBodyFirst: true, answerAfterCalls: 1);
        var messenger = Messenger(handler, time, limiter);
        var clip = new VoiceNote(MediaSource.FromUrl("https://cdn.example.com/a.m4a"));
        await messenger.SendAsync(User, clip).WaitAsync(Patience);
        using var cts = new CancellationTokenSource();

        // Audio: one call per refill, and the clock never moves: the second send waits in the limiter.
        var send = messenger.SendAsync(User, clip, cancellationToken: cts.Token);
        await Task.Delay(50);
        Assert.False(send.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Patience));
        Assert.Equal(1, handler.Calls);
    }

    private static InstagramMessenger Messenger(HttpMessageHandler handler, TimeProvider? time = null, IInstagramRateLimiter? limiter = null, string? account = null)
        => new(new HttpClient(handler), new InstagramMessengerOptions { AccessToken = "cancel-token", AccountKey = account, RetryBaseDelay = TimeSpan.FromMilliseconds(1) },
            time, limiter ?? new InstagramRateLimiter(10_000, 10_000));

    // Answers the first `answerAfterCalls` calls at once; every later call reads the body (or not), then waits for
    // its cancellation token, as a transport stuck on a slow server does.
    private sealed class HangingHandler(bool readBodyFirst, int answerAfterCalls = 0) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task Entered => _entered.Task;

        public int Calls => Volatile.Read(ref _calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= answerAfterCalls)
            {
                return ScriptedHandler.Success()();
            }

            if (readBodyFirst && request.Content is not null)
            {
                await request.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            _entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
