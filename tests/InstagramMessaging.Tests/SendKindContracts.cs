using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using InstagramMessaging;

namespace InstagramMessaging.Tests;

[InstagramMessage]
public partial record ImageByUrl([property: ImageAttachment] Uri Image);

[InstagramMessage]
public partial record Lookbook([property: ImageAttachment] IReadOnlyList<MediaSource> Photos);

[InstagramMessage]
public partial record ImageArray([property: ImageAttachment] string[] Urls);

[InstagramMessage]
public partial record ImageImmutable([property: ImageAttachment] ImmutableArray<AttachmentId> Ids);

[InstagramMessage]
public partial record FrontAndBack([property: ImageAttachment] Uri Front, [property: ImageAttachment] AttachmentId? Back = null);

[InstagramMessage]
public partial record VoiceNote([property: AudioAttachment] MediaSource Audio, [property: ReplyTo] string? InReplyTo = null);

[InstagramMessage]
public partial record Clip([property: VideoAttachment] Uri Video);

[InstagramMessage]
public partial record Invoice([property: FileAttachment] string Pdf);

[InstagramMessage]
public partial record SharePost([property: MediaShare] string PostId);

[InstagramMessage]
[QuickReply("Yes", "Q_YES")]
[QuickReply("No", "Q_NO")]
public partial record Poll([property: MessageText] string Text);

[InstagramMessage]
public partial record DynamicPoll([property: MessageText] string Text, [property: QuickReplies] IReadOnlyList<QuickReply> Choices);

[InstagramMessage]
public partial record Carousel([property: GenericTemplate] IReadOnlyList<GenericElement> Cards);

[InstagramMessage]
[ButtonTemplate]
public partial record NextStep([property: MessageText] string Text, Button Primary, IReadOnlyList<Button>? More = null);

[InstagramMessage]
public partial record Products([property: ProductTemplate] IReadOnlyList<string> ProductIds);

[InstagramMessage]
public partial record ThreadedImages([property: ImageAttachment] MediaSource[] Images, [property: ReplyTo] string? InReplyTo);
