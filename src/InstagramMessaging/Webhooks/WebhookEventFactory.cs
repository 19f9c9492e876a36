using System;
using System.Collections.Generic;
using System.Text;

namespace InstagramMessaging.Webhooks;

// Builds the typed event from what an item said; one place decides which record an item becomes.
internal static class WebhookEventFactory
{
    private const string TestMessageId = "random_mid";

    public static InstagramWebhookEvent Create(in WebhookItem item, ref WebhookItemFields f, ReadOnlySpan<byte> rawItem)
    {
        var time = Time(f.Timestamp, item.EntryTime);
        var isTest = item.AccountId == "0" || f.MessageId == TestMessageId;
        switch (f.Kind)
        {
            case WebhookItemKind.Message when f.MessageId is { } mid:
                return CreateMessage(item, ref f, mid, time, isTest);

            case WebhookItemKind.MessageEdit when f.MessageId is { } mid:
                var editCount = (int)Math.Clamp(f.EditCount ?? 0, 0, int.MaxValue);
                return new MessageEditedEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    MessageId = mid, Text = f.Text, EditCount = editCount,
                };

            case WebhookItemKind.Reaction when f.MessageId is { } mid:
                var action = string.Equals(f.Action, "unreact", StringComparison.OrdinalIgnoreCase) ? ReactionAction.Unreact : ReactionAction.React;
                return new ReactionEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    MessageId = mid, Action = action,
                    Reaction = action == ReactionAction.React ? f.Reaction : null,
                    Emoji = action == ReactionAction.React ? f.Emoji : null,
                };

            case WebhookItemKind.Read when f.MessageId is not null || f.Watermark is not null:
                return new MessageReadEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    MessageId = f.MessageId, Watermark = f.Watermark is { } w ? WebhookJson.ToTime(w) : null,
                };

            case WebhookItemKind.Postback:
                return new PostbackReceivedEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    MessageId = f.MessageId, Title = f.Title, Payload = f.Payload, Referral = f.Referral, IsSelf = f.IsSelf,
                };

            case WebhookItemKind.Referral when f.Referral is { } referral:
                return new ReferralEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    Referral = referral,
                };

            case WebhookItemKind.PassThreadControl or WebhookItemKind.TakeThreadControl or WebhookItemKind.RequestThreadControl:
                var control = f.Kind switch
                {
                    WebhookItemKind.PassThreadControl => ThreadControlAction.Pass,
                    WebhookItemKind.TakeThreadControl => ThreadControlAction.Take,
                    _ => ThreadControlAction.Request,
                };
                return new ThreadControlEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    Action = control, PreviousOwnerAppId = f.PreviousOwnerAppId, NewOwnerAppId = f.NewOwnerAppId,
                    RequestedOwnerAppId = f.RequestedOwnerAppId, Metadata = f.Metadata,
                };

            case WebhookItemKind.AppRoles:
                return new ThreadControlEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    Action = ThreadControlAction.AppRoles, AppRoles = f.AppRoles,
                };

            default:
                // An unknown key, or a known one without the field that identifies it (a message without mid).
                var kind = f.Kind == WebhookItemKind.None ? f.UnknownKind ?? string.Empty : KindName(f.Kind);
                return new UnknownWebhookEvent
                {
                    AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                    IsStandby = item.Standby, IsTest = isTest,
                    Kind = kind, RawJson = Encoding.UTF8.GetString(rawItem),
                };
        }
    }

    public static UnknownWebhookEvent Unknown(string accountId, long? entryTime, string kind, ReadOnlySpan<byte> raw)
    {
        var time = Time(null, entryTime);
        return new UnknownWebhookEvent
        {
            AccountId = accountId,
            Timestamp = time,
            IsTest = accountId == "0",
            Kind = kind,
            RawJson = Encoding.UTF8.GetString(raw),
        };
    }

    // The item's own time; failing that, the entry's (when Meta sent the notification); failing that, the epoch.
    public static DateTimeOffset Time(long? timestamp, long? entryTime)
        => WebhookJson.ToTime(timestamp) ?? WebhookJson.ToTime(entryTime) ?? DateTimeOffset.UnixEpoch;

    private static InstagramWebhookEvent CreateMessage(in WebhookItem item, ref WebhookItemFields f, string mid, DateTimeOffset time, bool isTest)
    {
        if (f.IsDeleted)
        {
            return new MessageDeletedEvent
            {
                AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                IsStandby = item.Standby, IsTest = isTest,
                MessageId = mid,
            };
        }

        IReadOnlyList<ReceivedAttachment> attachments = f.Attachments is { } list ? list : Array.Empty<ReceivedAttachment>();
        if (f.IsEcho)
        {
            return new MessageEchoEvent
            {
                AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
                IsStandby = item.Standby, IsTest = isTest,
                MessageId = mid, Text = f.Text, Attachments = attachments, QuickReplyPayload = f.QuickReplyPayload,
                ReplyToMessageId = f.ReplyToMessageId, IsSelfReply = f.IsSelfReply, ReplyToStory = f.ReplyToStory, Referral = f.Referral,
                IsSelf = f.IsSelf, IsUnsupported = f.IsUnsupported, AppId = f.AppId, Metadata = f.Metadata,
            };
        }

        return new MessageReceivedEvent
        {
            AccountId = item.AccountId, SenderId = f.SenderId, RecipientId = f.RecipientId, Timestamp = time,
            IsStandby = item.Standby, IsTest = isTest,
            MessageId = mid, Text = f.Text, Attachments = attachments, QuickReplyPayload = f.QuickReplyPayload,
            ReplyToMessageId = f.ReplyToMessageId, IsSelfReply = f.IsSelfReply, ReplyToStory = f.ReplyToStory, Referral = f.Referral,
            IsSelf = f.IsSelf, IsUnsupported = f.IsUnsupported,
        };
    }

    private static string KindName(WebhookItemKind kind) => kind switch
    {
        WebhookItemKind.Message => "message",
        WebhookItemKind.MessageEdit => "message_edit",
        WebhookItemKind.Reaction => "reaction",
        WebhookItemKind.Read => "read",
        WebhookItemKind.Postback => "postback",
        WebhookItemKind.Referral => "referral",
        WebhookItemKind.PassThreadControl => "pass_thread_control",
        WebhookItemKind.TakeThreadControl => "take_thread_control",
        WebhookItemKind.RequestThreadControl => "request_thread_control",
        WebhookItemKind.AppRoles => "app_roles",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Every item kind has a name."),
    };
}
