using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>
/// Throttled (codes 4, 17, 32, 613, 80002, 80006): stop calling for a while, since more calls extend the block.
/// The client pauses the account's sends until <see cref="RetryAfter"/> has passed.
/// </summary>
public sealed class InstagramRateLimitedException : InstagramApiException
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramRateLimitedException(string message, int code, int? subcode, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, TimeSpan? retryAfter, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long Meta says to wait (<c>estimated_time_to_regain_access</c> of <c>X-Business-Use-Case-Usage</c>), when it says.</summary>
    public TimeSpan? RetryAfter { get; }
}
