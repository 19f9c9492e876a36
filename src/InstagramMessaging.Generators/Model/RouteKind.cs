namespace InstagramMessaging.Generators.Model;

/// <summary>What a routing attribute routes; each kind is one row of <see cref="Parsing.RouteTable"/>.</summary>
internal enum RouteKind
{
    QuickReply,
    Message,
    Postback,
    Echo,
    Reaction,
    Read,
    Edit,
    Delete,
    Referral,
    Comment,
    Mention,
    ThreadControl,
}
