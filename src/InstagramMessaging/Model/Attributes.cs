using System;

namespace InstagramMessaging;

/// <summary>
/// Marks a <c>partial record</c> (class or struct) as an Instagram message contract. The source generator
/// implements <see cref="IInstagramMessage"/> on it: serialization, validation and <c>SendAsync</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class InstagramMessageAttribute : Attribute
{
}

/// <summary>
/// The text of the message (<c>message.text</c>): a <see cref="string"/> of at most 1000 UTF-8 bytes.
/// On a positional record parameter write <c>[property: MessageText]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class MessageTextAttribute : Attribute
{
}

/// <summary>
/// The id of the message this one replies to (top-level <c>reply_to.mid</c>): a <see cref="string"/>;
/// when it is <see langword="null"/> no <c>reply_to</c> is sent.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ReplyToAttribute : Attribute
{
}

/// <summary>
/// An image (<c>png</c>, <c>jpg</c>/<c>jpeg</c>, <c>gif</c>; up to 8 MB), on a <see cref="Uri"/>, URL
/// <see cref="string"/>, <see cref="InstagramMessaging.AttachmentId"/> or <see cref="MediaSource"/> member,
/// or on a collection of them (<c>IReadOnlyList&lt;T&gt;</c>, <c>T[]</c>, <c>ImmutableArray&lt;T&gt;</c>,
/// <c>List&lt;T&gt;</c>). Several images (1 to 10) are sent as <c>message.attachments</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ImageAttachmentAttribute : Attribute
{
}

/// <summary>An audio clip (<c>aac</c>, <c>m4a</c>, <c>wav</c>, <c>mp4</c>; up to 25 MB), sent alone as <c>message.attachment</c>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class AudioAttachmentAttribute : Attribute
{
}

/// <summary>A video (<c>mp4</c>, <c>ogg</c>, <c>avi</c>, <c>mov</c>, <c>webm</c>; up to 25 MB), sent alone as <c>message.attachment</c>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class VideoAttachmentAttribute : Attribute
{
}

/// <summary>A file (such as a PDF; up to 25 MB), sent alone as <c>message.attachment</c>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class FileAttachmentAttribute : Attribute
{
}

/// <summary>A post the business published, by its IG media id (<c>MEDIA_SHARE</c>), on a <see cref="string"/> member.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class MediaShareAttribute : Attribute
{
}

/// <summary>A fixed quick reply offered under the text (at most 13; titles are cut after 20 characters).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class QuickReplyAttribute : Attribute
{
    /// <summary>Declares a quick reply.</summary>
    /// <param name="title">What the button shows (at most 20 characters are displayed).</param>
    /// <param name="payload">What your webhook receives when it is tapped.</param>
    public QuickReplyAttribute(string title, string payload)
    {
        Title = title;
        Payload = payload;
    }

    /// <summary>What the button shows.</summary>
    public string Title { get; }

    /// <summary>What your webhook receives when it is tapped.</summary>
    public string Payload { get; }
}

/// <summary>Quick replies chosen at run time, on an <c>IReadOnlyList&lt;QuickReply&gt;</c> member (text messages only).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class QuickRepliesAttribute : Attribute
{
}

/// <summary>A generic template (1 to 10 elements, a carousel when several) on an <c>IReadOnlyList&lt;GenericElement&gt;</c> member.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class GenericTemplateAttribute : Attribute
{
}

/// <summary>
/// Makes the contract a button template: its <c>[MessageText]</c> (at most 640 characters) with 1 to 3 buttons
/// from its <see cref="Button"/> and <c>IReadOnlyList&lt;Button&gt;</c> members.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class ButtonTemplateAttribute : Attribute
{
}

/// <summary>A product template (1 to 10 catalog product ids) on an <c>IReadOnlyList&lt;string&gt;</c> member.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ProductTemplateAttribute : Attribute
{
}
