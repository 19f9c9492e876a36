using System;
using System.Collections.Generic;
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

/// <summary>One image, fetched by Meta from a public URL.</summary>
[InstagramMessage]
public partial record ProductPhoto([property: ImageAttachment] Uri Photo);

/// <summary>Up to 10 images in one message; URLs and uploaded attachment ids mix freely.</summary>
[InstagramMessage]
public partial record Lookbook([property: ImageAttachment] IReadOnlyList<MediaSource> Photos);

/// <summary>A voice note (audio: aac, m4a, wav, mp4).</summary>
[InstagramMessage]
public partial record VoiceNote([property: AudioAttachment] MediaSource Clip);

/// <summary>A video (mp4, ogg, avi, mov, webm).</summary>
[InstagramMessage]
public partial record UnboxingVideo([property: VideoAttachment] Uri Video);

/// <summary>A file, such as an invoice PDF.</summary>
[InstagramMessage]
public partial record InvoiceFile([property: FileAttachment] string Url);

/// <summary>One of the business's own posts.</summary>
[InstagramMessage]
public partial record SharedPost([property: MediaShare] string PostId);

/// <summary>Text with fixed quick replies.</summary>
[InstagramMessage]
[QuickReply("Track order", "TRACK")]
[QuickReply("Talk to us", "HUMAN")]
public partial record HowCanWeHelp([property: MessageText] string Text);

/// <summary>A carousel of cards.</summary>
[InstagramMessage]
public partial record NewArrivals([property: GenericTemplate] IReadOnlyList<GenericElement> Cards);

/// <summary>Text with up to three buttons.</summary>
[InstagramMessage]
[ButtonTemplate]
public partial record ReturnOptions([property: MessageText] string Text, Button Primary, Button Secondary);

/// <summary>Products from the Page's catalog.</summary>
[InstagramMessage]
public partial record Recommended([property: ProductTemplate] IReadOnlyList<string> ProductIds);
