using System.Collections.Generic;

namespace InstagramMessaging.Webhooks;

// What one messaging item said, gathered while reading it (keys arrive in any order), before the event is built.
internal struct WebhookItemFields
{
    public string? SenderId;
    public string? RecipientId;
    public long? Timestamp;
    public WebhookItemKind Kind;
    public string? UnknownKind;

    public string? MessageId;
    public string? Text;
    public ReceivedAttachment[]? Attachments;
    public string? QuickReplyPayload;
    public string? ReplyToMessageId;
    public bool? IsSelfReply;
    public StoryReply? ReplyToStory;
    public WebhookReferral? Referral;
    public bool IsEcho;
    public bool IsDeleted;
    public bool IsUnsupported;
    public bool IsSelf;
    public string? AppId;

    public long? EditCount;
    public string? Title;
    public string? Payload;
    public string? Action;
    public string? Reaction;
    public string? Emoji;
    public long? Watermark;

    public string? PreviousOwnerAppId;
    public string? NewOwnerAppId;
    public string? RequestedOwnerAppId;
    public string? Metadata;
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? AppRoles;
}
