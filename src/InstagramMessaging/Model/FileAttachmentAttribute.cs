using System;

namespace InstagramMessaging;

/// <summary>A file (such as a PDF; up to 25 MB), sent alone as <c>message.attachment</c>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class FileAttachmentAttribute : Attribute
{
}
