using System;

namespace InstagramMessaging;

/// <summary>Quick replies chosen at run time, on an <c>IReadOnlyList&lt;QuickReply&gt;</c> member (text messages only).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class QuickRepliesAttribute : Attribute
{
}
