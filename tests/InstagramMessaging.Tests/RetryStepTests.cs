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

// The transport's retry step (Transport/RetryStep): which of Meta's errors are retried, how often, and never after
// the request may have been processed.
public class RetryStepTests
{
    private static readonly Recipient User = Recipient.Id("1");

    public static TheoryData<int, int?, Type> ErrorTable() => new()
    {
        { 10, 2534022, typeof(InstagramWindowClosedException) },
        { 10, 2018278, typeof(InstagramWindowClosedException) },
        { 4, null, typeof(InstagramRateLimitedException) },
        { 17, null, typeof(InstagramRateLimitedException) },
        { 32, null, typeof(InstagramRateLimitedException) },
        { 613, 2534040, typeof(InstagramRateLimitedException) },
        { 80002, null, typeof(InstagramRateLimitedException) },
        { 80006, null, typeof(InstagramRateLimitedException) },
        { 190, 463, typeof(InstagramAccessTokenException) },
        { 10, null, typeof(InstagramPermissionException) },
        { 200, null, typeof(InstagramPermissionException) },
        { 230, null, typeof(InstagramPermissionException) },
        { 299, 2534041, typeof(InstagramPermissionException) },
        { 551, null, typeof(InstagramRecipientUnavailableException) },
        { 10, 2018108, typeof(InstagramRecipientUnavailableException) },
        { 100, 2018047, typeof(InstagramInvalidParameterException) },
        { 2, 2534068, typeof(InstagramFeatureUnavailableException) },
        { 1, 1357046, typeof(InstagramOutcomeUnknownException) },
        { 1, 99, typeof(InstagramApiException) },
        { 368, null, typeof(InstagramApiException) },
    };

    [Theory]
    [MemberData(nameof(ErrorTable))]
    public async Task Metas_codes_become_typed_errors_and_are_not_retried(int code, int? subcode, Type expected)
    {
        var handler = new ScriptedHandler(Error(code, subcode), Success());
        var ex = await Assert.ThrowsAnyAsync<InstagramApiException>(() => new TextMessage("hi").SendAsync(Messenger(handler), User));

        Assert.Equal(expected, ex.GetType());
        Assert.Equal((code, subcode), (ex.Code, ex.Subcode));
        Assert.Equal(1, handler.Requests);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, null)]
    [InlineData(1200, null)]
    public async Task Transient_errors_are_retried_until_they_succeed(int code, int? subcode)
    {
        var handler = new ScriptedHandler(Error(code, subcode, HttpStatusCode.ServiceUnavailable, transient: true), Error(code, subcode, HttpStatusCode.InternalServerError, transient: true), Success("m_third"));
        var result = await new TextMessage("hi").SendAsync(Messenger(handler), User);

        Assert.Equal("m_third", result.MessageId);
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task Retries_are_bounded_and_end_in_a_transient_error()
    {
        var handler = new ScriptedHandler(Error(2, transient: true), Error(2, transient: true), Error(2, transient: true), Success());
        var ex = await Assert.ThrowsAsync<InstagramTransientException>(() => new TextMessage("hi").SendAsync(Messenger(handler, maxRetries: 2), User));

        Assert.Equal(2, ex.Code);
        Assert.Equal(3, handler.Requests);
    }

    [Fact]
    public async Task A_connection_that_could_not_be_made_is_retried()
    {
        var handler = new ScriptedHandler(Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused")), Success("m_after_reconnect"));
        Assert.Equal("m_after_reconnect", (await new TextMessage("hi").SendAsync(Messenger(handler), User)).MessageId);
        Assert.Equal(2, handler.Requests);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.Unknown)]
    [InlineData(HttpRequestError.InvalidResponse)]
    public async Task A_connection_lost_after_sending_is_never_retried(HttpRequestError error)
    {
        var handler = new ScriptedHandler(Throw(new HttpRequestException(error, "lost")), Success());
        var ex = await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("hi").SendAsync(Messenger(handler), User));

        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task A_timeout_after_sending_is_never_retried()
    {
        var handler = new ScriptedHandler(Throw(new TaskCanceledException("timed out")), Success());
        await Assert.ThrowsAsync<InstagramOutcomeUnknownException>(() => new TextMessage("hi").SendAsync(Messenger(handler), User));
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_mistaken_for_a_timeout()
    {
        using var cts = new CancellationTokenSource();
        var handler = new ScriptedHandler(() => { cts.Cancel(); throw new TaskCanceledException("cancelled", null, cts.Token); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TextMessage("hi").SendAsync(Messenger(handler), User, cancellationToken: cts.Token));
    }
}
