using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Transport;

// Step: telemetry and logging, once per logical call whatever the retries: one span, one log line before and
// one after, one count by outcome, one duration. A struct: nothing allocated when no one listens.
internal readonly struct CallTelemetry : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly GraphEndpoint _endpoint;
    private readonly long _started;
    private readonly Activity? _activity;

    private CallTelemetry(ILogger logger, TimeProvider time, GraphEndpoint endpoint, long started, Activity? activity)
    {
        _logger = logger;
        _time = time;
        _endpoint = endpoint;
        _started = started;
        _activity = activity;
    }

    public static CallTelemetry Start(ILogger logger, TimeProvider time, in GraphCall call, string pagePath)
    {
        var started = time.GetTimestamp();
        var activity = InstagramTelemetry.Source.StartActivity(call.Endpoint.ActivityName, ActivityKind.Client);
        activity?.SetTag("http.request.method", call.Method.Method);
        Log.Sending(logger, call.Endpoint.Operation, pagePath);
        return new CallTelemetry(logger, time, call.Endpoint, started, activity);
    }

    public void Succeeded(string? messageId)
    {
        InstagramTelemetry.Sent.Add(1, new KeyValuePair<string, object?>("operation", _endpoint.Operation));
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.Sent(_logger, _endpoint.Operation, _time.GetElapsedTime(_started).TotalMilliseconds, messageId);
        }
    }

    public void Failed(InstagramApiException exception)
    {
        if (exception is InstagramRateLimitedException throttled)
        {
            InstagramTelemetry.Throttled.Add(1, new KeyValuePair<string, object?>("code", throttled.Code));
            Log.Throttled(_logger, _endpoint.Operation, GraphErrors.Describe(throttled.Code, throttled.Subcode), (throttled.RetryAfter ?? TimeSpan.Zero).TotalSeconds);
        }
        else
        {
            InstagramTelemetry.Failed.Add(1, new KeyValuePair<string, object?>("code", exception.Code), new KeyValuePair<string, object?>("error.type", exception.GetType().Name));
            if (exception is InstagramOutcomeUnknownException)
            {
                Log.OutcomeUnknown(_logger, _endpoint.Operation);
            }
            else
            {
                Log.Failed(_logger, _endpoint.Operation, exception.GetType().Name, GraphErrors.Describe(exception.Code, exception.Subcode), exception.HttpStatusCode, exception.FbTraceId);
            }
        }

        _activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }

    public void Dispose()
    {
        InstagramTelemetry.Duration.Record(_time.GetElapsedTime(_started).TotalMilliseconds, new KeyValuePair<string, object?>("operation", _endpoint.Operation));
        _activity?.Dispose();
    }
}
