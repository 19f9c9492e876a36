using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Routes mentions of the account (<see cref="MentionEvent"/>) to this method.
/// The method takes a <see cref="MentionEvent"/> (or a base type of it) and optionally a
/// <see cref="System.Threading.CancellationToken"/>, and returns <see cref="System.Threading.Tasks.Task"/> or
/// <see cref="System.Threading.Tasks.ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnMentionAttribute : Attribute
{
}
