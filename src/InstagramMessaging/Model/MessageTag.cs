namespace InstagramMessaging;

/// <summary>Message tags Instagram accepts.</summary>
public enum MessageTag
{
    /// <summary><c>HUMAN_AGENT</c>: a person replies up to 7 days after the user's last message.</summary>
    HumanAgent,
}
