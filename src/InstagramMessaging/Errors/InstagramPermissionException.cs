using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>Code 10 or 200-299: the app or token lacks a permission or feature for this call (for example <c>instagram_manage_messages</c>, Advanced Access, or the account's "Allow access to messages" switch).</summary>
public sealed class InstagramPermissionException : InstagramApiException
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramPermissionException(string message, int code, int? subcode, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
    }
}
