using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Routes a quick-reply tap (a <see cref="MessageReceivedEvent"/> whose <see cref="MessageContentEvent.QuickReplyPayload"/>
/// is the payload) to this method of an <see cref="InstagramWebhookHandlerAttribute"/> class.
/// Only customers' taps: a self message carrying a payload (<see cref="MessageContentEvent.IsSelf"/>, or a sender
/// that is the account itself) is never routed, nor a tap that came in standby (<see cref="InstagramWebhookEvent.IsStandby"/>).
/// The method takes a <see cref="MessageReceivedEvent"/> (or a base type of it) and optionally a
/// <see cref="System.Threading.CancellationToken"/>, and returns <see cref="System.Threading.Tasks.Task"/> or
/// <see cref="System.Threading.Tasks.ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OnQuickReplyAttribute : Attribute
{
    /// <summary>Routes the events whose payload is exactly <paramref name="payload"/> (ordinal comparison).</summary>
    /// <param name="payload">The payload of a quick reply the app sends (<c>[QuickReply]</c> or <c>new QuickReply(...)</c>).</param>
    public OnQuickReplyAttribute(string payload) => Payload = payload;

    /// <summary>The payload this method handles.</summary>
    public string Payload { get; }
}
