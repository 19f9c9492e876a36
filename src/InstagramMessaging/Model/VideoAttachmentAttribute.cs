using System;

namespace InstagramMessaging;

/// <summary>A video (<c>mp4</c>, <c>ogg</c>, <c>avi</c>, <c>mov</c>, <c>webm</c>; up to 25 MB), sent alone as <c>message.attachment</c>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class VideoAttachmentAttribute : Attribute
{
}
