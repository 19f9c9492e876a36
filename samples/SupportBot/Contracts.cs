using InstagramMessaging;

namespace SupportBot;

/// <summary>The first answer: what the bot can do, as quick-reply chips.</summary>
[InstagramMessage]
[QuickReply("Track my order", Payloads.OrderStatus)]
[QuickReply("New arrivals", Payloads.Browse)]
[QuickReply("Talk to a person", Payloads.Human)]
public partial record MainMenu([property: MessageText] string Text);

/// <summary>A plain answer, threaded under the customer's message when there is one.</summary>
[InstagramMessage]
public partial record Answer([property: MessageText] string Text, [property: ReplyTo] string? InReplyTo = null);

/// <summary>Products as a carousel, each with a postback button.</summary>
[InstagramMessage]
public partial record Catalogue([property: GenericTemplate] IReadOnlyList<GenericElement> Cards);
