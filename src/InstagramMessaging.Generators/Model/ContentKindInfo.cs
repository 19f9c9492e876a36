using InstagramMessaging.Rules;

namespace InstagramMessaging.Generators.Model;

/// <summary>
/// What the generator and the analyzers know about one <see cref="ContentKind"/>: one row of
/// <see cref="ContentKinds"/>. A media kind's row takes its words from the <see cref="MediaKindInfo"/> row it maps to.
/// </summary>
internal sealed class ContentKindInfo
{
    internal ContentKindInfo(
        ContentKind kind,
        string? attributeName,
        string attributeDisplayName,
        string noun,
        string emptyNoun,
        string supportedMemberTypes,
        string? messageKindName,
        PlaceholderRule placeholders,
        MediaKindInfo? media = null,
        string? templateWord = null)
    {
        Kind = kind;
        AttributeName = attributeName;
        AttributeDisplayName = attributeDisplayName;
        Noun = noun;
        EmptyNoun = emptyNoun;
        SupportedMemberTypes = supportedMemberTypes;
        MessageKindName = messageKindName;
        Placeholders = placeholders;
        Media = media;
        TemplateWord = templateWord;
    }

    /// <summary>The kind this row describes.</summary>
    public ContentKind Kind { get; }

    /// <summary>The metadata name (namespace <c>InstagramMessaging</c>) of the member attribute declaring it; null for button members, which need none.</summary>
    public string? AttributeName { get; }

    /// <summary>The attribute as diagnostics name it, such as <c>MessageText</c>.</summary>
    public string AttributeDisplayName { get; }

    /// <summary>What one member of the kind is, in "a message has one {noun}" (IGM012).</summary>
    public string Noun { get; }

    /// <summary>What an empty value of the kind is, in "Instagram rejects an empty {noun}" (IGM010).</summary>
    public string EmptyNoun { get; }

    /// <summary>The member types the attribute supports (IGM008).</summary>
    public string SupportedMemberTypes { get; }

    /// <summary>The kind of message the member makes, in "mixes {a} with {b}" (IGM006); null when it goes with another kind (reply_to, quick replies, buttons).</summary>
    public string? MessageKindName { get; }

    /// <summary>Which placeholder initializers must be replaced at a construction site.</summary>
    public PlaceholderRule Placeholders { get; }

    /// <summary>The media kind row of an attachment kind; null for any other content (the explicit ContentKind to MediaKind map).</summary>
    public MediaKindInfo? Media { get; }

    /// <summary>The word naming a template kind in "a {word} template has 1 to 10 elements" (IGM015); null for a kind that is not a list of template elements.</summary>
    public string? TemplateWord { get; }
}
