namespace InstagramMessaging;

/// <summary>Indicators sent with <c>sender_action</c>; they are requests of their own and never carry a message.</summary>
public enum SenderAction
{
    /// <summary><c>typing_on</c>: shows the typing indicator (only to a signed-in recipient).</summary>
    TypingOn,

    /// <summary><c>typing_off</c>: hides it.</summary>
    TypingOff,

    /// <summary><c>mark_seen</c>: marks the conversation's last message as seen.</summary>
    MarkSeen,
}
