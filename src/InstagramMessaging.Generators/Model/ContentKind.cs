namespace InstagramMessaging.Generators.Model;

/// <summary>The content the generator understands; each kind has one row in <see cref="ContentKinds"/>.</summary>
internal enum ContentKind
{
    Text,
    ReplyTo,
    Image,
    Audio,
    Video,
    File,
    MediaShare,
    QuickReplies,
    GenericTemplate,
    ProductTemplate,
    Button,
}
