using System;

namespace InstagramMessaging;

/// <summary>
/// Makes the contract a button template: its <c>[MessageText]</c> (at most 640 characters) with 1 to 3 buttons
/// from its <see cref="Button"/> and <c>IReadOnlyList&lt;Button&gt;</c> members.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class ButtonTemplateAttribute : Attribute
{
}
