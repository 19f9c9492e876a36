// Part of the one rules table (Rules/Table): compiled into the runtime library and linked as source into the
// generator. Only BCL types here: the generator targets netstandard2.0.
namespace InstagramMessaging.Rules;

/// <summary>
/// The rows of the media kinds: one <see cref="MediaKindInfo"/> per <see cref="MediaKind"/>. Adding a kind is
/// one row here, its enum member and its attribute; a kind with no row throws instead of answering by default,
/// and <c>MediaKindsTests</c> fails for it.
/// </summary>
internal static class MediaKinds
{
    private const string SingleMemberTypes = "Uri, string, AttachmentId or MediaSource";
    private const string SeveralMemberTypes = "Uri, string, AttachmentId, MediaSource, or an IReadOnlyList<T>, T[], ImmutableArray<T> or List<T> of them";

    /// <summary>Every row, in <see cref="MediaKind"/> order.</summary>
    public static MediaKindInfo[] All { get; } =
    {
        new(MediaKind.Image, "image", new[] { "png", "jpg", "jpeg", "gif" }, MessageRules.MaxImageBytes, "ImageAttachmentAttribute", SeveralMemberTypes, severalInOneMessage: true, countsAsAudioVideo: false),
        new(MediaKind.Audio, "audio", new[] { "aac", "m4a", "wav", "mp4" }, MessageRules.MaxOtherMediaBytes, "AudioAttachmentAttribute", SingleMemberTypes, severalInOneMessage: false, countsAsAudioVideo: true),
        new(MediaKind.Video, "video", new[] { "mp4", "ogg", "avi", "mov", "webm" }, MessageRules.MaxOtherMediaBytes, "VideoAttachmentAttribute", SingleMemberTypes, severalInOneMessage: false, countsAsAudioVideo: true),
        new(MediaKind.File, "file", new string[0], MessageRules.MaxOtherMediaBytes, "FileAttachmentAttribute", SingleMemberTypes, severalInOneMessage: false, countsAsAudioVideo: false),
    };

    /// <summary>
    /// The kinds a code fix suggests for a URL whose type the member's kind does not take, in order of preference
    /// (an <c>.mp4</c> is a video before it is an audio clip). Every kind that judges types is listed (a test checks).
    /// </summary>
    public static MediaKind[] SuggestionOrder { get; } = { MediaKind.Image, MediaKind.Video, MediaKind.Audio };

    /// <summary>The row of <paramref name="kind"/>; throws for a kind with no row (never a default answer).</summary>
    public static MediaKindInfo For(MediaKind kind)
    {
        var index = (int)kind;
        if (index >= 0 && index < All.Length && All[index].Kind == kind)
        {
            return All[index];
        }

        throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "MediaKind " + kind + " has no row in MediaKinds.All (Rules/Table/MediaKinds.cs).");
    }

    /// <summary>The row whose attribute has the metadata name <paramref name="attributeName"/>, or null.</summary>
    public static MediaKindInfo? ForAttribute(string attributeName)
    {
        foreach (var row in All)
        {
            if (row.AttributeName == attributeName)
            {
                return row;
            }
        }

        return null;
    }
}
