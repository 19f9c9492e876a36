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
