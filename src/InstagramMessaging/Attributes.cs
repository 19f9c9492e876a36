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
