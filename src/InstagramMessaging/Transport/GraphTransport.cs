using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using InstagramMessaging.Serialization;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Transport;

// The Graph API transport under InstagramMessenger: ordered, single-purpose steps, outermost first.
//   1. CallTelemetry   once per logical call: span, logs, counts, duration
//   2. RetryStep       only what cannot deliver a message twice; wraps each attempt (steps 3-6)
//   3. PacingStep      a token per attempt from the account's budget; a throttled answer (never retried) pauses
//                      the account
//   4. AuthStep        bearer token, appsecret_proof computed per attempt
//   5. HttpExchange    one request; a failure after sending leaves the outcome unknown
//   6. AnswerReader, AnswerMapper (with Redactor)   the bounded answer, and Meta's errors as exceptions
// Every step on the happy path completes without a closure, and the async ones reuse pooled state machines.
internal sealed class GraphTransport
{
    private readonly Uri _pageUri;
    private readonly string _pagePath;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RetryStep _retry;
    private readonly PacingStep _pacing;
    private readonly AuthStep _auth;
    private readonly HttpExchange _exchange;
    private readonly Func<GraphCall, CancellationToken, ValueTask<GraphResponse>> _attempt;
    private readonly ConcurrentDictionary<string, GraphEndpoint> _endpoints = new(StringComparer.Ordinal);

    public GraphTransport(HttpClient http, InstagramMessengerOptions options, TimeProvider? timeProvider, IInstagramRateLimiter? rateLimiter, ILogger logger)
    {
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
        _pageUri = new Uri(options.BaseAddress, $"{options.ApiVersion}/{Uri.EscapeDataString(options.PageId)}/");
        _pagePath = _pageUri.AbsolutePath;
        _retry = new RetryStep(options, _time, logger);
        _pacing = new PacingStep(options, rateLimiter ?? DefaultRateLimiters.For(options, timeProvider));
        _auth = new AuthStep(options, _time);
        _exchange = new HttpExchange(http, _auth, new AnswerReader(http, options.MaxResponseBytes), new AnswerMapper(new Redactor(options.AccessToken)), logger);
        _attempt = AttemptAsync;
        Messages = Endpoint("messages");
    }

    /// <summary>The endpoint of sends, reactions and sender actions.</summary>
    public GraphEndpoint Messages { get; }

    public GraphEndpoint Endpoint(string relative) => _endpoints.GetOrAdd(relative, static (r, page) => new GraphEndpoint(page, r), _pageUri);

    public ValueTask<GraphResponse> PostAsync(GraphEndpoint endpoint, ReadOnlyMemory<byte> json, TrafficClass trafficClass, CancellationToken cancellationToken)
        => SendAsync(new GraphCall(HttpMethod.Post, endpoint, json, trafficClass, cancellationToken));

    public ValueTask<GraphResponse> DeleteAsync(GraphEndpoint endpoint, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
        => SendAsync(new GraphCall(HttpMethod.Delete, endpoint, json, TrafficClass.Text, cancellationToken));

    public ValueTask<GraphResponse> GetAsync(GraphEndpoint endpoint, CancellationToken cancellationToken)
        => SendAsync(new GraphCall(HttpMethod.Get, endpoint, static () => null, TrafficClass.Text, cancellationToken));

    // Steps 1 and 2 share this frame, and steps 3 to 6 run without one of their own when the limiter grants at
    // once: every async layer costs a state machine hop per send when the answer is not there yet.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<GraphResponse> SendAsync(GraphCall call)
    {
        using var telemetry = CallTelemetry.Start(_logger, _time, call, _pagePath);
        try
        {
            GraphResponse response;
            try
            {
                response = await AttemptAsync(call, call.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (_retry.ShouldRetry(ex))
            {
                response = await _retry.RetryAsync(_attempt, call, ExceptionDispatchInfo.Capture(ex)).ConfigureAwait(false);
            }

            telemetry.Succeeded(response.MessageId);
            return response;
        }
        catch (HttpRequestException ex) when (HttpExchange.IsNotSent(ex))
        {
            var nothingSent = RetryStep.NothingSent(ex);
            telemetry.Failed(nothingSent);
            throw nothingSent;
        }
        catch (InstagramRateLimitedException ex)
        {
            _pacing.OnThrottled(ex);
            telemetry.Failed(ex);
            throw;
        }
        catch (InstagramApiException ex)
        {
            telemetry.Failed(ex);
            throw;
        }
    }

    // One attempt: steps 3 to 6.
    private ValueTask<GraphResponse> AttemptAsync(GraphCall call, CancellationToken token)
    {
        var acquire = _pacing.AcquireAsync(call.TrafficClass, token);
        return acquire.IsCompletedSuccessfully
            ? _exchange.SendAsync(call, _auth.Address(call.Endpoint), token)
            : AcquireThenExchangeAsync(acquire, call, token);
    }

    private async ValueTask<GraphResponse> AcquireThenExchangeAsync(ValueTask acquire, GraphCall call, CancellationToken token)
    {
        await acquire.ConfigureAwait(false);
        return await _exchange.SendAsync(call, _auth.Address(call.Endpoint), token).ConfigureAwait(false);
    }
}
