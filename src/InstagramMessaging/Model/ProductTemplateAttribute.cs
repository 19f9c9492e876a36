using System;

namespace InstagramMessaging;

/// <summary>A product template (1 to 10 catalog product ids) on an <c>IReadOnlyList&lt;string&gt;</c> member.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ProductTemplateAttribute : Attribute
{
}
