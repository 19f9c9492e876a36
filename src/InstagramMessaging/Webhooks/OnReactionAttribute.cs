using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Routes reactions and their removal (<see cref="ReactionEvent"/>) to this method.
/// The method takes a <see cref="ReactionEvent"/> (or a base type of it) and optionally a
/// <see cref="System.Threading.CancellationToken"/>, and returns <see cref="System.Threading.Tasks.Task"/> or
/// <see cref="System.Threading.Tasks.ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnReactionAttribute : Attribute
{
}
