using System;

namespace InstagramMessaging;

/// <summary>A post the business published, by its IG media id (<c>MEDIA_SHARE</c>), on a <see cref="string"/> member.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class MediaShareAttribute : Attribute
{
}
