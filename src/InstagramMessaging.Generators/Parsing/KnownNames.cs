namespace InstagramMessaging.Generators.Parsing;

/// <summary>Metadata names of the runtime library's types that <see cref="KnownTypes"/> resolves (and the generator's attribute filter uses).</summary>
internal static class KnownNames
{
    public const string Namespace = "InstagramMessaging";
    public const string InstagramMessageAttribute = "InstagramMessaging.InstagramMessageAttribute";
    public const string QuickReplyAttribute = "InstagramMessaging.QuickReplyAttribute";
    public const string ButtonTemplateAttribute = "InstagramMessaging.ButtonTemplateAttribute";

    public const string AttachmentId = "InstagramMessaging.AttachmentId";
    public const string MediaSource = "InstagramMessaging.MediaSource";
    public const string QuickReply = "InstagramMessaging.QuickReply";
    public const string GenericElement = "InstagramMessaging.GenericElement";
    public const string Button = "InstagramMessaging.Button";
    public const string IceBreaker = "InstagramMessaging.IceBreaker";
    public const string IceBreakerSet = "InstagramMessaging.IceBreakerSet";
    public const string InstagramMessenger = "InstagramMessaging.InstagramMessenger";
    public const string Uri = "System.Uri";

    public const string IReadOnlyList = "System.Collections.Generic.IReadOnlyList`1";
    public const string List = "System.Collections.Generic.List`1";
    public const string ImmutableArray = "System.Collections.Immutable.ImmutableArray`1";
    public const string ImmutableArrayFactory = "System.Collections.Immutable.ImmutableArray";
}
