using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>The message is outside the allowed window: code 10 with subcode 2534022 (Instagram) or 2018278. Answer within 24 hours of the user's last message, or, for a person replying within 7 days, send with <see cref="SendOptions.HumanAgent"/>.</summary>
public sealed class InstagramWindowClosedException : InstagramApiException
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramWindowClosedException(string message, int code, int? subcode, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
    }
}
