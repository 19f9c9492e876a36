using InstagramMessaging;

namespace QuickStart;

/// <summary>A plain text reply, optionally threaded under the message it answers.</summary>
[InstagramMessage]
public partial record OrderShipped([property: MessageText] string Text, [property: ReplyTo] string? InReplyTo = null);

/// <summary>A greeting with a default text; the analyzer checks the default is within Meta's 1000 bytes.</summary>
[InstagramMessage]
public partial record Welcome
{
    [MessageText]
    public string Text { get; init; } = "Welcome to the shop! Ask us anything about your order. 🛍️";
}

/// <summary>A record struct works too.</summary>
[InstagramMessage]
public partial record struct SupportHandoff([property: MessageText] string Text);
