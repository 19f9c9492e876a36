using System;

namespace InstagramMessaging;

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
