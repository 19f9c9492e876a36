using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>Code 190: the access token is invalid or expired (the subcode says why: 463 expired, 460 password changed, 467 invalid, ...). Get a new token; retrying does not help.</summary>
public sealed class InstagramAccessTokenException : InstagramApiException
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramAccessTokenException(string message, int code, int? subcode, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
    }
}
