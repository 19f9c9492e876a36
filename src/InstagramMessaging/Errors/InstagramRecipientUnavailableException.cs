using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>Code 551, or code 10 with subcode 2018108: the person cannot receive messages from you right now (blocked, unavailable or restricted).</summary>
public sealed class InstagramRecipientUnavailableException : InstagramApiException
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramRecipientUnavailableException(string message, int code, int? subcode, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
    }
}
