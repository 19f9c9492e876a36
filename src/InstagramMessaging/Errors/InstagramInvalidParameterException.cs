using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>Code 100: a parameter is missing or invalid; the message and subcode say which (2018047 wrong media type, 2018074 unknown attachment id, 2018109 too large, 2534014 not an IGSID, ...).</summary>
public sealed class InstagramInvalidParameterException : InstagramApiException
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramInvalidParameterException(string message, int code, int? subcode, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
    }
}
