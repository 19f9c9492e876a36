using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Routes a postback (a <see cref="PostbackReceivedEvent"/> whose <see cref="PostbackReceivedEvent.Payload"/> is the
/// payload: a template button, an ice breaker or a persistent-menu item) to this method.
/// Only customers' presses: a self postback (<see cref="PostbackReceivedEvent.IsSelf"/>, or a sender that is the
/// account itself) is never routed, nor a press that came in standby (<see cref="InstagramWebhookEvent.IsStandby"/>).
/// The method takes a <see cref="PostbackReceivedEvent"/> (or a base type of it) and optionally a
/// <see cref="System.Threading.CancellationToken"/>, and returns <see cref="System.Threading.Tasks.Task"/> or
/// <see cref="System.Threading.Tasks.ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OnPostbackAttribute : Attribute
{
    /// <summary>Routes the events whose payload is exactly <paramref name="payload"/> (ordinal comparison).</summary>
    /// <param name="payload">The payload of a postback button the app sends (<c>Button.Postback</c>, <c>new IceBreaker(...)</c>).</param>
    public OnPostbackAttribute(string payload) => Payload = payload;

    /// <summary>The payload this method handles.</summary>
    public string Payload { get; }
}
