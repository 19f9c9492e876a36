using System;

namespace InstagramMessaging;

/// <summary>An audio clip (<c>aac</c>, <c>m4a</c>, <c>wav</c>, <c>mp4</c>; up to 25 MB), sent alone as <c>message.attachment</c>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class AudioAttachmentAttribute : Attribute
{
}
