using InstagramMessaging.Rules;

namespace InstagramMessaging.Generators.Model;

/// <summary>
/// The rows of the content kinds: one <see cref="ContentKindInfo"/> per <see cref="ContentKind"/>, in enum order.
/// Media rows are built from <see cref="MediaKinds"/>: adding an attachment kind there (and its
/// <see cref="ContentKind"/> member, one line below) is all the generator needs. A kind with no row throws
/// instead of answering by default, and <c>ContentKindsTests</c> fails for it.
/// </summary>
internal static class ContentKinds
{
    /// <summary>Every row, in <see cref="ContentKind"/> order.</summary>
    public static ContentKindInfo[] All { get; } =
    {
        new(ContentKind.Text, "MessageTextAttribute", "MessageText", "text", "text", "string", "text", PlaceholderRule.NullOrEmpty),
        new(ContentKind.ReplyTo, "ReplyToAttribute", "ReplyTo", "reply_to message id", "reply_to message id (use null to send no reply_to)", "string", null, PlaceholderRule.EmptyOnly),
        Media(ContentKind.Image, MediaKind.Image),
        Media(ContentKind.Audio, MediaKind.Audio),
        Media(ContentKind.Video, MediaKind.Video),
        Media(ContentKind.File, MediaKind.File),
        new(ContentKind.MediaShare, "MediaShareAttribute", "MediaShare", "shared post", "shared post id", "string", "a media share", PlaceholderRule.NullOrEmpty),
        new(ContentKind.QuickReplies, "QuickRepliesAttribute", "QuickReplies", "list of quick replies", "list of quick replies", "IReadOnlyList<QuickReply>", null, PlaceholderRule.None),
        new(ContentKind.GenericTemplate, "GenericTemplateAttribute", "GenericTemplate", "generic template", "generic template", "IReadOnlyList<GenericElement>", "a generic template", PlaceholderRule.Any, templateWord: "generic"),
        new(ContentKind.ProductTemplate, "ProductTemplateAttribute", "ProductTemplate", "product template", "product template", "IReadOnlyList<string>", "a product template", PlaceholderRule.Any, templateWord: "product"),
        new(ContentKind.Button, null, "ButtonTemplate", "button", "button", "Button or IReadOnlyList<Button>", null, PlaceholderRule.None),
    };

    /// <summary>The row of <paramref name="kind"/>; throws for a kind with no row (never a default answer).</summary>
    public static ContentKindInfo For(ContentKind kind)
    {
        var index = (int)kind;
        if (index >= 0 && index < All.Length && All[index].Kind == kind)
        {
            return All[index];
        }

        throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "ContentKind " + kind + " has no row in ContentKinds.All.");
    }

    /// <summary>The content kind of an attribute class's metadata name (namespace <c>InstagramMessaging</c>), or null.</summary>
    public static ContentKind? ForAttribute(string attributeName)
    {
        foreach (var row in All)
        {
            if (row.AttributeName == attributeName)
            {
                return row.Kind;
            }
        }

        return null;
    }

    /// <summary>The content kind an attachment kind is declared with: the explicit MediaKind to ContentKind map.</summary>
    public static ContentKind ForMedia(MediaKind kind)
    {
        foreach (var row in All)
        {
            if (row.Media?.Kind == kind)
            {
                return row.Kind;
            }
        }

        throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "MediaKind " + kind + " has no ContentKind row in ContentKinds.All.");
    }

    private static ContentKindInfo Media(ContentKind kind, MediaKind mediaKind)
    {
        var media = MediaKinds.For(mediaKind);
        var noun = media.JsonType + " attachment";
        return new ContentKindInfo(kind, media.AttributeName, media.AttributeDisplayName, noun, noun, media.SupportedMemberTypes, "attachments",
            media.SeveralInOneMessage ? PlaceholderRule.None : PlaceholderRule.NullOrEmpty, media);
    }
}
