using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>The platform said the failure is temporary and nothing was sent (codes 1, 2, 1200 and <c>is_transient</c> errors), or no connection could be made (code 0, the transport's error inside). The client retries these itself; this surfaces when the retries run out.</summary>
public sealed class InstagramTransientException : InstagramApiException
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramTransientException(string message, int code, int? subcode, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
    }
}
