using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using System.Threading;
using System;
using InstagramMessaging.Serialization;
using Microsoft.Extensions.Logging;
using Polly.Retry;
using Polly;

namespace InstagramMessaging.Transport;

// Step: retry, only where a retry cannot deliver a message twice: Meta said transient (so nothing was sent), or no
// connection was made. The first attempt runs outside the retry pipeline; only when it fails with a retry-safe
// error does the pipeline take over, starting from that failure, so delays, attempt numbers and the retry count
// are what the pipeline alone would give.
internal sealed class RetryStep
{
    private readonly ResiliencePipeline? _pipeline;

    public RetryStep(InstagramMessengerOptions options, TimeProvider time, ILogger logger)
        => _pipeline = options.MaxRetries > 0 ? Build(options, time, logger) : null;

    public static bool IsRetrySafe(Exception exception)
        => exception is InstagramTransientException || (exception is HttpRequestException http && HttpExchange.IsNotSent(http));

    /// <summary>Whether the first attempt's failure goes to the retry pipeline.</summary>
    public bool ShouldRetry(Exception exception) => _pipeline is not null && IsRetrySafe(exception);

    /// <summary>Retries after the first attempt failed with <paramref name="first"/>.</summary>
    public async ValueTask<GraphResponse> RetryAsync(Func<GraphCall, CancellationToken, ValueTask<GraphResponse>> attempt, GraphCall call, ExceptionDispatchInfo first)
        => await _pipeline!.ExecuteAsync(static (state, token) => state.NextAsync(token), new RetryState(attempt, call, first), call.CancellationToken).ConfigureAwait(false);

    /// <summary>Retries ran out (or were off) without ever reaching Meta: nothing was sent.</summary>
    public static InstagramTransientException NothingSent(HttpRequestException exception)
        => new("No connection could be made to the Graph API; nothing was sent.", 0, null, isTransient: true, null, null, 0, innerException: exception);

    private static ResiliencePipeline Build(InstagramMessengerOptions options, TimeProvider time, ILogger logger)
        => new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsRetrySafe(ex)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    InstagramTelemetry.Retried.Add(1);
                    var reason = args.Outcome.Exception is InstagramApiException api ? "code " + GraphErrors.Describe(api.Code, api.Subcode) : "no connection";
                    Log.Retrying(logger, "call", reason, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
}
