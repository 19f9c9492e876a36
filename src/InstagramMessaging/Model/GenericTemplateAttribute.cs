using System;

namespace InstagramMessaging;

/// <summary>A generic template (1 to 10 elements, a carousel when several) on an <c>IReadOnlyList&lt;GenericElement&gt;</c> member.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class GenericTemplateAttribute : Attribute
{
}
