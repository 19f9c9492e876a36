using System;

namespace InstagramMessaging;

/// <summary>
/// The text of the message (<c>message.text</c>): a <see cref="string"/> of at most 1000 UTF-8 bytes.
/// On a positional record parameter write <c>[property: MessageText]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class MessageTextAttribute : Attribute
{
}
