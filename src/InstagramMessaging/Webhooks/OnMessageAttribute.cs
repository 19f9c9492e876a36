using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Routes customer messages that no <see cref="OnQuickReplyAttribute"/> method takes (text, attachments,
/// story replies, and quick-reply taps whose payload has no handler) to this method.
/// Only customers' messages: self messaging (<see cref="MessageContentEvent.IsSelf"/>, or a sender that is the
/// account itself) is never routed, so a bot that answers every message cannot answer itself and loop; nor is a
/// message that came in standby (<see cref="InstagramWebhookEvent.IsStandby"/>: another app, a human inbox say, owns
/// the thread). The account's own sends arrive as <see cref="MessageEchoEvent"/> (<see cref="OnEchoAttribute"/>).
/// The method takes a <see cref="MessageReceivedEvent"/> (or a base type of it) and optionally a
/// <see cref="System.Threading.CancellationToken"/>, and returns <see cref="System.Threading.Tasks.Task"/> or
/// <see cref="System.Threading.Tasks.ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnMessageAttribute : Attribute
{
}
