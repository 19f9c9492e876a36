using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>
/// The request may or may not have been delivered: the connection broke after the request was written, the
/// call timed out, the caller cancelled after the request was written (the cancellation is the
/// <see cref="Exception.InnerException"/>), the answer was a 5xx without Graph's error envelope (a gateway) or could
/// not be read (too long, too slow, cut off), or Meta answered 1/1357046. The Send API has no idempotency key, so
/// the client never retries this: sending again could deliver the message twice. Check the conversation before
/// sending again.
/// </summary>
public sealed class InstagramOutcomeUnknownException : InstagramApiException
{
    /// <summary>Creates the exception.</summary>
    public InstagramOutcomeUnknownException(string message, int code, int? subcode, HttpStatusCode httpStatusCode, string? fbTraceId = null, Exception? innerException = null)
        : base(message, code, subcode, isTransient: false, errorType: null, fbTraceId, httpStatusCode, innerException: innerException)
    {
    }
}
