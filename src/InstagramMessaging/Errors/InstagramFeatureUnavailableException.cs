using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>
/// Code 2, subcode 2534068: the feature (multi-image sending) is not available for this account yet. Retrying
/// at once does not help; send the images one per message (see
/// <see cref="InstagramMessengerOptions.SendImagesSeparatelyWhenMultiImageUnavailable"/>) or try again in weeks.
/// </summary>
public sealed class InstagramFeatureUnavailableException : InstagramApiException
{
    /// <summary>The subcode Meta uses for the multi-image gate.</summary>
    public const int MultiImageSubcode = 2534068;

    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramFeatureUnavailableException(string message, bool isTransient, string? errorType, string? fbTraceId, HttpStatusCode httpStatusCode, string? userTitle = null, string? userMessage = null, Exception? innerException = null)
        : base(message, 2, MultiImageSubcode, isTransient, errorType, fbTraceId, httpStatusCode, userTitle, userMessage, innerException)
    {
    }
}
