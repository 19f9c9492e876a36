using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Tests;

// Plays a script: each request gets the next step (an answer, or an exception thrown by the transport).
internal sealed class ScriptedHandler : HttpMessageHandler
{
    // A messenger over this script: fast retries, and a limiter that never waits unless a test brings its own.
    public static InstagramMessenger Messenger(ScriptedHandler handler, int maxRetries = 3, TimeProvider? time = null, IInstagramRateLimiter? limiter = null)
        => new(new HttpClient(handler), new InstagramMessengerOptions
        {
            AccessToken = "scripted-token-value",
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, time, limiter ?? new InstagramRateLimiter(10_000, 10_000));

    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _steps;

    public ScriptedHandler(params Func<HttpResponseMessage>[] steps) => _steps = new(steps);

    public int Requests => _requests;

    /// <summary>The request URIs, in order.</summary>
    public ConcurrentQueue<Uri> RequestUris { get; } = new();

    /// <summary>Called with each request before it is answered.</summary>
    public Action<HttpRequestMessage>? OnRequest { get; init; }

    private int _requests;

    public static Func<HttpResponseMessage> Answer(HttpStatusCode status, string body, IDictionary<string, string>? headers = null) => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    };

    public static Func<HttpResponseMessage> Error(int code, int? subcode = null, HttpStatusCode status = HttpStatusCode.BadRequest, bool transient = false)
        => Answer(status, "{\"error\":{\"message\":\"(#" + code + ") scripted\",\"type\":\"OAuthException\",\"code\":" + code
            + (subcode is { } s ? ",\"error_subcode\":" + s : string.Empty)
            + ",\"is_transient\":" + (transient ? "true" : "false") + ",\"fbtrace_id\":\"TRACE" + code + "\"}}");

    public static Func<HttpResponseMessage> Success(string messageId = "m_ok") => Answer(HttpStatusCode.OK, $$"""{"recipient_id":"1","message_id":"{{messageId}}"}""");

    public static Func<HttpResponseMessage> Throw(Exception exception) => () => throw exception;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        RequestUris.Enqueue(request.RequestUri!);
        OnRequest?.Invoke(request);
        if (!_steps.TryDequeue(out var step))
        {
            throw new InvalidOperationException("The script has no more steps.");
        }

        return Task.FromResult(step());
    }
}
