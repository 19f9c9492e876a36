using System;
using System.Net;

namespace InstagramMessaging;

/// <summary>The Graph API refused a request; the properties carry Meta's error envelope.</summary>
public class InstagramApiException : Exception
{
    /// <summary>Creates the exception from Meta's error fields.</summary>
    public InstagramApiException(
        string message,
        int code,
        int? subcode,
        bool isTransient,
        string? errorType,
        string? fbTraceId,
        HttpStatusCode httpStatusCode,
        string? userTitle = null,
        string? userMessage = null,
        Exception? innerException = null)
        : base(Describe(message, code, subcode, fbTraceId, httpStatusCode), innerException)
    {
        ApiMessage = message;
        Code = code;
        Subcode = subcode;
        IsTransient = isTransient;
        ErrorType = errorType;
        FbTraceId = fbTraceId;
        HttpStatusCode = httpStatusCode;
        UserTitle = userTitle;
        UserMessage = userMessage;
    }

    /// <summary>Meta's developer-facing <c>message</c>.</summary>
    public string ApiMessage { get; }

    /// <summary>Meta's <c>code</c>; 0 when the answer carried no error envelope.</summary>
    public int Code { get; }

    /// <summary>Meta's <c>error_subcode</c>, when present.</summary>
    public int? Subcode { get; }

    /// <summary>Meta's <c>is_transient</c> hint.</summary>
    public bool IsTransient { get; }

    /// <summary>Meta's <c>type</c>, such as <c>OAuthException</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>Meta's <c>fbtrace_id</c>, to quote to Meta's support.</summary>
    public string? FbTraceId { get; }

    /// <summary>The HTTP status the error came with.</summary>
    public HttpStatusCode HttpStatusCode { get; }

    /// <summary>Meta's <c>error_user_title</c>: localized text that may be shown to a user.</summary>
    public string? UserTitle { get; }

    /// <summary>Meta's <c>error_user_msg</c>: localized text that may be shown to a user.</summary>
    public string? UserMessage { get; }

    private static string Describe(string message, int code, int? subcode, string? fbTraceId, HttpStatusCode status)
    {
        var codes = subcode is int s ? $"code {code}, subcode {s}" : $"code {code}";
        var trace = fbTraceId is null ? string.Empty : $", fbtrace_id {fbTraceId}";
        return $"{message} ({codes}, HTTP {(int)status}{trace})";
    }
}
