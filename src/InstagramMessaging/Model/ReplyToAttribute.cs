using System;

namespace InstagramMessaging;

/// <summary>
/// The id of the message this one replies to (top-level <c>reply_to.mid</c>): a <see cref="string"/>;
/// when it is <see langword="null"/> no <c>reply_to</c> is sent.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ReplyToAttribute : Attribute
{
}
