namespace InstagramMessaging;

/// <summary>How a message is sent: its <c>messaging_type</c> and, for <see cref="MessagingType.MessageTag"/>, its tag.</summary>
public sealed class SendOptions
{
    /// <summary>Options that send <c>"messaging_type":"RESPONSE"</c>, a reply inside the 24-hour window.</summary>
    public static SendOptions Response { get; } = new() { MessagingType = MessagingType.Response };

    /// <summary>
    /// Options for a reply written by a person up to 7 days after the user's last message
    /// (<c>"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT"</c>). Needs Meta's Human Agent feature.
    /// </summary>
    public static SendOptions HumanAgent { get; } = new() { MessagingType = MessagingType.MessageTag, Tag = MessageTag.HumanAgent };

    /// <summary>The <c>messaging_type</c> sent with the message.</summary>
    public MessagingType MessagingType { get; init; } = MessagingType.Response;

    /// <summary>The <c>tag</c>; only sent, and then required, with <see cref="MessagingType.MessageTag"/>.</summary>
    public MessageTag? Tag { get; init; }
}
