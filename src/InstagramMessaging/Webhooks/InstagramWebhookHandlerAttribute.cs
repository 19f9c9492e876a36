using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Marks a <c>partial class</c> as a routed webhook handler. The source generator implements
/// <see cref="IInstagramWebhookHandler"/> on it: each event goes to the method whose routing attribute matches
/// (<see cref="OnQuickReplyAttribute"/>, <see cref="OnPostbackAttribute"/>, <see cref="OnMessageAttribute"/>, ...),
/// through a type switch and an ordinal <c>switch</c> over the payload, with no reflection. Events no method
/// routes are ignored, and so is the account's own self messaging (an <see cref="MessageContentEvent.IsSelf"/>
/// message, or a message or postback whose sender is the account) and what came in standby (another app owns the
/// thread): the customer routes never see them, so a bot neither answers itself nor talks over the thread's owner. Analyzers check the payloads against what the compilation sends (IGM030 to IGM033).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InstagramWebhookHandlerAttribute : Attribute
{
}
