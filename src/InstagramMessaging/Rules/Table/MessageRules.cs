// This file is the heart of the one rules table (the folder Rules/Table). It is compiled into the runtime library
// and linked as source into the generator, so the analyzers, the generated Validate() and the docs read every
// limit from here. Messages are formatted from the constants: a limit is typed once.
using System.Text;

namespace InstagramMessaging.Rules;

/// <summary>Every limit Instagram puts on a message, and the rule that enforces it.</summary>
#if INSTAGRAMMESSAGING_GENERATOR
internal
#else
public
#endif
static class MessageRules
{
    /// <summary>Instagram rejects a text longer than this many UTF-8 bytes (not characters: an emoji is 4).</summary>
    public const int MaxTextUtf8Bytes = 1000;

    /// <summary>IGM001: text longer than <see cref="MaxTextUtf8Bytes"/> UTF-8 bytes.</summary>
    public static MessageRule TextTooLong { get; } = new(
        RuleIds.TextTooLong,
        $"Message text is longer than {MaxTextUtf8Bytes} UTF-8 bytes",
        $"'{{0}}' is {{1}} UTF-8 bytes long; Instagram accepts at most {MaxTextUtf8Bytes} bytes of text");

    /// <summary>IGM002: more than <see cref="MaxAttachments"/> attachments.</summary>
    public static MessageRule TooManyAttachments { get; } = new(
        RuleIds.TooManyAttachments,
        $"More than {MaxAttachments} attachments in one message",
        $"'{{0}}' holds {{1}} attachments; Instagram sends 1 to {MaxAttachments} images in one message");

    /// <summary>IGM003: a media type the attachment kind does not take.</summary>
    public static MessageRule MediaTypeNotSupported { get; } = new(
        RuleIds.MediaTypeNotSupported,
        "Media type not supported for the attachment kind",
        "'{0}': '.{1}' is not a media type {2} attachments take ({3})");

    /// <summary>IGM004: a contract that is not a partial record.</summary>
    public static MessageRule ContractNotPartialRecord { get; } = new(
        RuleIds.ContractNotPartialRecord,
        "Message contract must be a partial record",
        "'{0}' must be declared as a 'partial record' (and every type containing it as 'partial') to be an [InstagramMessage] contract");

    /// <summary>IGM005: a URL that is not an absolute http or https URL.</summary>
    public static MessageRule InvalidUrl { get; } = new(
        RuleIds.InvalidUrl,
        "URL is not an absolute http or https URL",
        "'{0}': '{1}' is not an absolute http or https URL Meta can fetch");

    /// <summary>IGM006: content kinds the platform sends separately.</summary>
    public static MessageRule MixedContent { get; } = new(
        RuleIds.MixedContent,
        "Contract mixes content kinds Instagram sends separately",
        "'{0}' mixes {1} with {2}; Instagram sends them as separate messages");

    /// <summary>IGM007: several attachments that are not all images.</summary>
    public static MessageRule SeveralNonImageAttachments { get; } = new(
        RuleIds.SeveralNonImageAttachments,
        "Several attachments that are not all images",
        "'{0}' has several attachments and not all are images; only images can be sent together, audio, video and files go one per message");

    /// <summary>IGM008: a contract attribute on a member type it does not support.</summary>
    public static MessageRule UnsupportedMemberType { get; } = new(
        RuleIds.UnsupportedMemberType,
        "Contract attribute on an unsupported member type",
        "[{0}] cannot be used on '{1}' of type '{2}'; it supports {3}");

    /// <summary>IGM009: a contract with no content member.</summary>
    public static MessageRule NoContent { get; } = new(
        RuleIds.NoContent,
        "Message contract has no content",
        "'{0}' has no content member; mark a string property with [MessageText]");

    /// <summary>IGM010: a content value that is null or empty.</summary>
    public static MessageRule EmptyValue { get; } = new(
        RuleIds.EmptyValue,
        "Message value is null or empty",
        "'{0}' is {1}; Instagram rejects an empty {2}");

    /// <summary>IGM011: a generic contract.</summary>
    public static MessageRule GenericContract { get; } = new(
        RuleIds.GenericContract,
        "Message contract cannot be generic",
        "'{0}' is generic; an [InstagramMessage] contract and the types containing it cannot have type parameters");

    /// <summary>IGM012: the same content attribute on several members.</summary>
    public static MessageRule DuplicateMember { get; } = new(
        RuleIds.DuplicateMember,
        "Content attribute used on more than one member",
        "[{0}] is on more than one member of '{1}'; a message has one {2}");

    /// <summary>IGM013: more than <see cref="MaxQuickReplies"/> quick replies.</summary>
    public static MessageRule TooManyQuickReplies { get; } = new(
        RuleIds.TooManyQuickReplies,
        $"More than {MaxQuickReplies} quick replies",
        $"'{{0}}' has {{1}} quick replies; Instagram takes at most {MaxQuickReplies}");

    /// <summary>IGM014: a quick reply title Instagram cuts off.</summary>
    public static MessageRule QuickReplyTitleTooLong { get; } = new(
        RuleIds.QuickReplyTitleTooLong,
        $"Quick reply title longer than {MaxQuickReplyTitleLength} characters",
        $"Quick reply title '{{0}}' is {{1}} characters; Instagram cuts titles after {MaxQuickReplyTitleLength}");

    /// <summary>IGM015: a template with too few or too many elements.</summary>
    public static MessageRule TemplateElementCount { get; } = new(
        RuleIds.TemplateElementCount,
        "Template has too few or too many elements",
        $"'{{0}}' has {{1}} elements; a {{2}} template takes 1 to {MaxTemplateElements}");

    /// <summary>IGM016: a template text longer than Instagram accepts.</summary>
    public static MessageRule TemplateTextTooLong { get; } = new(
        RuleIds.TemplateTextTooLong,
        "Template text too long",
        "'{0}' is {1} characters; Instagram accepts at most {2}");

    /// <summary>IGM017: too few or too many buttons.</summary>
    public static MessageRule ButtonCount { get; } = new(
        RuleIds.ButtonCount,
        "Too few or too many buttons",
        "'{0}' has {1} buttons; {2}");

    /// <summary>IGM018: an ice breaker or persistent menu setting Instagram refuses.</summary>
    public static MessageRule MessengerProfile { get; } = new(
        RuleIds.MessengerProfile,
        "Ice breaker or persistent menu setting Instagram refuses",
        "{0}");

    /// <summary>IGM019: media larger than its kind takes.</summary>
    public static MessageRule MediaTooLarge { get; } = new(
        RuleIds.MediaTooLarge,
        "Media larger than Instagram accepts",
        "'{0}' is {1} bytes; {2} attachments take at most {3} MB");

    /// <summary>IGM020: a generic template element with only a title.</summary>
    public static MessageRule GenericElementIncomplete { get; } = new(
        RuleIds.GenericElementIncomplete,
        "Generic template element has only a title",
        "Element {0} of {1} has only a title; Instagram needs a subtitle, an image, a default action or a button as well");

    /// <summary>IGM021: a <c>file</c>-local contract, which generated code (another file) cannot extend.</summary>
    public static MessageRule FileLocalContract { get; } = new(
        RuleIds.FileLocalContract,
        "Message contract cannot be file-local",
        "'{0}' is file-local; the generated half of a contract lives in another file, so an [InstagramMessage] contract and the types containing it cannot be 'file' types");

    /// <summary>IGM022: a contract member named like a generated member.</summary>
    public static MessageRule ReservedMemberName { get; } = new(
        RuleIds.ReservedMemberName,
        "Member name is reserved by the generated code",
        "'{0}' declares '{1}', a name the generator implements on every contract (WriteTo, ToJson, Validate, SendAsync); rename the member");

    /// <summary>Send API calls per second per account for text, links, reactions and stickers (Meta's conservative figure).</summary>
    public const int TextCallsPerSecond = 100;

    /// <summary>Send API calls per second per account for audio and video.</summary>
    public const int AudioVideoCallsPerSecond = 10;

    /// <summary>At most this many attachments (all images) in one message.</summary>
    public const int MaxAttachments = 10;

    /// <summary>At most this many quick replies.</summary>
    public const int MaxQuickReplies = 13;

    /// <summary>Quick reply titles are cut after this many characters.</summary>
    public const int MaxQuickReplyTitleLength = 20;

    /// <summary>A generic or product template takes at most this many elements.</summary>
    public const int MaxTemplateElements = 10;

    /// <summary>Generic template titles and subtitles take at most this many characters.</summary>
    public const int MaxGenericTextLength = 80;

    /// <summary>A generic template element, or a button template, takes at most this many buttons.</summary>
    public const int MaxTemplateButtons = 3;

    /// <summary>A button template's text takes at most this many characters.</summary>
    public const int MaxButtonTemplateTextLength = 640;

    /// <summary>At most this many ice breaker questions per locale.</summary>
    public const int MaxIceBreakers = 4;

    /// <summary>The largest image Instagram takes: 8 MB.</summary>
    public const long MaxImageBytes = 8L * 1024 * 1024;

    /// <summary>The largest audio, video or file Instagram takes: 25 MB.</summary>
    public const long MaxOtherMediaBytes = 25L * 1024 * 1024;

    /// <summary>What IGM017 says a button template takes.</summary>
    internal static string ButtonTemplateButtons { get; } = $"a button template takes 1 to {MaxTemplateButtons}";

    /// <summary>What IGM017 says a generic template element takes.</summary>
    internal static string GenericElementButtons { get; } = $"a generic template element takes at most {MaxTemplateButtons}";

    /// <summary>The extensions a kind takes, for messages; empty for a kind that takes any type (<see cref="MediaKind.File"/>).</summary>
    public static string[] MediaTypes(MediaKind kind) => MediaKinds.For(kind).MediaTypes;

    /// <summary>The largest size of a kind, in bytes.</summary>
    public static long MaxMediaBytes(MediaKind kind) => MediaKinds.For(kind).MaxBytes;

    /// <summary>The JSON <c>type</c> of a kind.</summary>
    public static string JsonType(MediaKind kind) => MediaKinds.For(kind).JsonType;

    /// <summary>
    /// The extension of a URL's path or a file name, lower case, or null when it has none. The query string
    /// and fragment are ignored.
    /// </summary>
    public static string? Extension(string urlOrFileName)
    {
        var path = urlOrFileName;
        var cut = path.IndexOfAny(new[] { '?', '#' });
        if (cut >= 0)
        {
            path = path.Substring(0, cut);
        }

        var scheme = path.IndexOf("://", System.StringComparison.Ordinal);
        if (scheme >= 0)
        {
            // Only the path counts: in "https://example.com" the dots belong to the host.
            var pathStart = path.IndexOf('/', scheme + 3);
            if (pathStart < 0)
            {
                return null;
            }

            path = path.Substring(pathStart);
        }

        var name = path.Substring(path.LastIndexOf('/') + 1);
        var dot = name.LastIndexOf('.');
        return dot < 0 || dot == name.Length - 1 ? null : name.Substring(dot + 1).ToLowerInvariant();
    }

    // Media and file types people send; only these count as a type. "/u/jane.doe" or "/banners/hero.v2" end in
    // a dotted name, not a type: like a CDN URL with no extension, they are not judged.
    private static readonly string[] s_knownFileTypes =
    {
        "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "heif", "avif", "svg", "ico",
        "aac", "m4a", "wav", "mp3", "ogg", "oga", "opus", "flac", "wma", "amr", "aiff",
        "mp4", "m4v", "avi", "mov", "webm", "mkv", "wmv", "flv", "3gp", "mpeg", "mpg",
        "pdf", "txt", "csv", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
        "zip", "gz", "tar", "7z", "rar", "json", "xml", "html", "htm", "ics", "vcf", "epub",
    };

    /// <summary>Whether <paramref name="extension"/> (lower case, no dot) is a known media or file type.</summary>
    public static bool IsKnownFileType(string extension) => System.Array.IndexOf(s_knownFileTypes, extension) >= 0;

    /// <summary>
    /// Whether a URL or file name has a type <paramref name="kind"/> does not take. Only a known media or file
    /// type (<see cref="IsKnownFileType"/>) is judged: a name without extension, or whose last dot starts
    /// something else (<c>jane.doe</c>, <c>hero.v2</c>), is not.
    /// </summary>
    public static bool IsMediaTypeRejected(MediaKind kind, string urlOrFileName, out string extension)
    {
        extension = Extension(urlOrFileName) ?? string.Empty;
        var row = MediaKinds.For(kind);
        return !row.AcceptsAnyType && extension.Length > 0 && IsKnownFileType(extension) && System.Array.IndexOf(row.MediaTypes, extension) < 0;
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http or https URL.</summary>
    public static bool IsAbsoluteHttpUrl(string url)
        => System.Uri.TryCreate(url, System.UriKind.Absolute, out var uri)
            && (uri.Scheme == "https" || uri.Scheme == "http")
            && uri.Host.Length > 0;

    /// <summary>
    /// How character limits (quick reply titles, template titles and subtitles, button template text) count:
    /// Unicode code points, so an emoji such as U+1F600 is one character (two UTF-16 code units), and a
    /// sequence joined with U+200D or a flag counts each of its code points. The analyzers and the generated
    /// <c>Validate()</c> both count with this method; it gives the same answer on every runtime.
    /// </summary>
    public static int CharacterCount(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    /// <summary>The UTF-8 length Instagram measures text by.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>Whether <paramref name="text"/> is longer than Instagram accepts.</summary>
    public static bool IsTextTooLong(string text) => Utf8Length(text) > MaxTextUtf8Bytes;
}
