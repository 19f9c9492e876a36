namespace InstagramMessaging;

/// <summary>A quick reply button under a text message (<c>content_type:"text"</c>).</summary>
/// <param name="Title">What the button shows; Instagram cuts it after 20 characters.</param>
/// <param name="Payload">What your webhook receives (<c>message.quick_reply.payload</c>) when it is tapped.</param>
public sealed record QuickReply(string Title, string Payload);
