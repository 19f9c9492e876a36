using InstagramMessaging;

namespace InstagramMessaging.Tests;

[InstagramMessage]
public partial record TextMessage([property: MessageText] string Text);

[InstagramMessage]
public partial record ThreadedReply([property: MessageText] string Text, [property: ReplyTo] string? InReplyTo = null);

[InstagramMessage]
public partial record struct StructMessage([property: MessageText] string Text);

public partial class Outer
{
    [InstagramMessage]
    public partial record Nested
    {
        [MessageText]
        public required string Body { get; init; }
    }
}
