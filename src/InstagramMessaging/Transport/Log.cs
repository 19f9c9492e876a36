using System.Net;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Transport;

// Every log line the client writes. None takes the token, the app secret or a URL's query string.
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Trace, "Sending {Operation} to {PagePath}")]
    public static partial void Sending(ILogger logger, string operation, string pagePath);

    [LoggerMessage(2, LogLevel.Debug, "{Operation} succeeded in {ElapsedMs} ms (message {MessageId})")]
    public static partial void Sent(ILogger logger, string operation, double elapsedMs, string? messageId);

    [LoggerMessage(3, LogLevel.Warning, "{Operation} failed with a retry-safe error ({Reason}); retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string reason, int attempt, double delayMs);

    [LoggerMessage(4, LogLevel.Warning, "{Operation} was throttled (code {Code}); the account is paused for {PauseSeconds} s")]
    public static partial void Throttled(ILogger logger, string operation, string code, double pauseSeconds);

    [LoggerMessage(5, LogLevel.Error, "{Operation} failed: {ErrorType} code {Code}, HTTP {Status}, fbtrace_id {FbTraceId}")]
    public static partial void Failed(ILogger logger, string operation, string errorType, string code, HttpStatusCode status, string? fbTraceId);

    [LoggerMessage(6, LogLevel.Error, "{Operation} has an unknown outcome; it is not retried, since the message may have been delivered")]
    public static partial void OutcomeUnknown(ILogger logger, string operation);

    // Stands in for IHttpClientFactory's own request logging, which AddInstagramMessaging removes: that logging
    // prints the query string (appsecret_proof) and, before Microsoft.Extensions.Http 9, the Authorization header.
    [LoggerMessage(7, LogLevel.Debug, "{Method} {Path} answered HTTP {Status} in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string method, string path, int status, long elapsedMs);
}
