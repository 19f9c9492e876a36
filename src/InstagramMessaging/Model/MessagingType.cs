namespace InstagramMessaging;

/// <summary>Values of <c>messaging_type</c>.</summary>
public enum MessagingType
{
    /// <summary><c>RESPONSE</c>: a reply to a message the user sent within the last 24 hours.</summary>
    Response,

    /// <summary><c>UPDATE</c>: a proactive update inside the window.</summary>
    Update,

    /// <summary><c>MESSAGE_TAG</c>: outside the standard window, with a <see cref="MessageTag"/>.</summary>
    MessageTag,
}
