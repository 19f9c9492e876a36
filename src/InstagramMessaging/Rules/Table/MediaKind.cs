// Part of the one rules table (Rules/Table): compiled into the runtime library and linked as source into the
// generator. Only BCL types here: the generator targets netstandard2.0.
namespace InstagramMessaging.Rules;

/// <summary>
/// The kinds of attachment. Each has one row in the rules table: its JSON type, the media types it takes
/// (<see cref="MessageRules.MediaTypes"/>) and its size limit (<see cref="MessageRules.MaxMediaBytes"/>).
/// </summary>
#if INSTAGRAMMESSAGING_GENERATOR
internal
#else
public
#endif
enum MediaKind
{
    /// <summary>An image (JSON type <c>image</c>); several can travel in one message.</summary>
    Image,

    /// <summary>An audio clip (JSON type <c>audio</c>).</summary>
    Audio,

    /// <summary>A video (JSON type <c>video</c>).</summary>
    Video,

    /// <summary>A file of any type (JSON type <c>file</c>).</summary>
    File,
}
