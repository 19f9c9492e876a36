namespace InstagramMessaging.Generators.Parsing;

/// <summary>Metadata names of the runtime library's contract attributes and types.</summary>
internal static class KnownNames
{
    public const string Namespace = "InstagramMessaging";
    public const string InstagramMessageAttribute = "InstagramMessaging.InstagramMessageAttribute";
    public const string QuickReplyAttribute = "QuickReplyAttribute";
    public const string ButtonTemplateAttribute = "ButtonTemplateAttribute";

    public const string AttachmentId = "InstagramMessaging.AttachmentId";
    public const string MediaSource = "InstagramMessaging.MediaSource";
    public const string QuickReply = "InstagramMessaging.QuickReply";
    public const string GenericElement = "InstagramMessaging.GenericElement";
    public const string Button = "InstagramMessaging.Button";
    public const string Uri = "System.Uri";

    public const string IReadOnlyList = "System.Collections.Generic.IReadOnlyList`1";
    public const string List = "System.Collections.Generic.List`1";
    public const string ImmutableArray = "System.Collections.Immutable.ImmutableArray`1";
}
