namespace InstagramMessaging.Webhooks;

/// <summary><c>reaction.action</c>.</summary>
public enum ReactionAction
{
    /// <summary><c>react</c>: the customer reacted (a new reaction replaces the old one).</summary>
    React,

    /// <summary><c>unreact</c>: the customer removed their reaction.</summary>
    Unreact,
}
