using System;

namespace InstagramMessaging.Webhooks;

/// <summary>A webhook body that is not well-formed JSON or lacks the envelope Meta always sends (<c>object</c>, <c>entry</c>).</summary>
public sealed class InstagramWebhookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InstagramWebhookFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public InstagramWebhookFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
