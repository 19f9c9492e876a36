namespace InstagramMessaging.Generators.Parsing;

/// <summary>Metadata names of the runtime library's contract attributes.</summary>
internal static class KnownNames
{
    public const string Namespace = "InstagramMessaging";
    public const string InstagramMessageAttribute = "InstagramMessaging.InstagramMessageAttribute";
    public const string MessageText = "MessageTextAttribute";
    public const string ReplyTo = "ReplyToAttribute";
}
