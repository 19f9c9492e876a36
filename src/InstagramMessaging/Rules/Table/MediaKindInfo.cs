// Part of the one rules table (Rules/Table): compiled into the runtime library and linked as source into the
// generator. Only BCL types here: the generator targets netstandard2.0.
namespace InstagramMessaging.Rules;

/// <summary>
/// Everything the runtime, the generator and the analyzers know about one <see cref="MediaKind"/>: one row of
/// <see cref="MediaKinds"/>. Nothing switches over a media kind elsewhere; it reads the row.
/// </summary>
internal sealed class MediaKindInfo
{
    internal MediaKindInfo(
        MediaKind kind,
        string jsonType,
        string[] mediaTypes,
        long maxBytes,
        string attributeName,
        string supportedMemberTypes,
        bool severalInOneMessage,
        bool countsAsAudioVideo)
    {
        Kind = kind;
        JsonType = jsonType;
        MediaTypes = mediaTypes;
        MaxBytes = maxBytes;
        AttributeName = attributeName;
        SupportedMemberTypes = supportedMemberTypes;
        SeveralInOneMessage = severalInOneMessage;
        CountsAsAudioVideo = countsAsAudioVideo;
    }

    /// <summary>The kind this row describes.</summary>
    public MediaKind Kind { get; }

    /// <summary>The attachment's JSON <c>type</c> (<c>{"type":"image","payload":{...}}</c>); also its name in messages and docs.</summary>
    public string JsonType { get; }

    /// <summary>The extensions the kind takes (lower case, no dot); empty when it takes any type.</summary>
    public string[] MediaTypes { get; }

    /// <summary>Whether the kind takes any media type (a file).</summary>
    public bool AcceptsAnyType => MediaTypes.Length == 0;

    /// <summary>The largest size the kind takes, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>The largest size in whole megabytes, as messages and docs say it.</summary>
    public long MaxMegabytes => MaxBytes / (1024 * 1024);

    /// <summary>The metadata name (in namespace <c>InstagramMessaging</c>) of the member attribute that declares the kind, such as <c>ImageAttachmentAttribute</c>.</summary>
    public string AttributeName { get; }

    /// <summary>The attribute as written in C#, such as <c>ImageAttachment</c>.</summary>
    public string AttributeDisplayName => AttributeName.Substring(0, AttributeName.Length - "Attribute".Length);

    /// <summary>The member types the attribute supports, as diagnostics say it (IGM008).</summary>
    public string SupportedMemberTypes { get; }

    /// <summary>Whether several attachments of the kind travel in one message (images); other kinds go one per message.</summary>
    public bool SeveralInOneMessage { get; }

    /// <summary>Whether Meta counts a send of the kind in the audio/video rate class (else the text class).</summary>
    public bool CountsAsAudioVideo { get; }
}
